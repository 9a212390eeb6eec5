package io.wmon.test.worker;

import io.wmon.test.RedisProbe;
import io.wmon.test.RedisServerExtension;
import io.wmon.test.jvm.Artifacts;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.ChildProcesses;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.jvm.JvmCommand;
import io.wmon.test.jvm.ProcessCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives an integration test class its own real Redis server and the worker JVMs its tests start,
 * and reads back what the workers' agents wrote.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final WorkerFleetExtension FLEET = new WorkerFleetExtension();
 *
 * AgentArgs agent = FLEET.agent("w1");
 * ChildProcess worker = FLEET.start("worker", FLEET.exampleWorker(Jdk.current()).agent(agent.toString()).args("--stdin"));
 * FLEET.records().awaitRecord(agent.id(), ChildProcess.START_TIMEOUT);
 * }</pre>
 *
 * <p>It composes, per class that registers it: a {@link RedisServerExtension} (started before the
 * class's first test, stopped after its last; tests may stop, restart or pause it through
 * {@link #redis()}), {@link ChildProcesses} (every process a test starts is killed after it), and
 * {@link WorkerRecords} (its connection closed after each test). Register it on a static field;
 * two classes never share a server.
 */
public final class WorkerFleetExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    /** The variable every child gets, pointing wmon at this class's server unless the command sets it. */
    public static final String REDIS_URL_ENV = "WMON_REDIS_URL";

    private final RedisServerExtension redis;
    private final ChildProcesses processes = new ChildProcesses();
    private final Map<String, WorkerRecords> records = new LinkedHashMap<>();

    /** A fleet on a server of its own, of the kind the environment asks for. */
    public WorkerFleetExtension() {
        this(new RedisServerExtension());
    }

    private WorkerFleetExtension(RedisServerExtension redis) {
        this.redis = redis;
    }

    /** A fleet on {@code redis}, e.g. {@code RedisServerExtension.withTls(…)}; the fleet starts and stops it. */
    public static WorkerFleetExtension on(RedisServerExtension redis) {
        return new WorkerFleetExtension(redis);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        redis.beforeAll(context);
        processes.beforeAll(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        processes.beforeEach(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            processes.afterEach(context);
        } finally {
            closeRecords();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            processes.afterAll(context);
        } finally {
            try {
                closeRecords();
            } finally {
                redis.afterAll(context);
            }
        }
    }

    /** This class's server: its URL, its probe, and the faults a test may cause (stop, start, pause, resume). */
    public RedisServerExtension redis() {
        return redis;
    }

    /** {@code redis().probe()}: counts connections by name and commands. */
    public RedisProbe probe() {
        return redis.probe();
    }

    /** The records of namespace {@value AgentArgs#NAMESPACE}. */
    public WorkerRecords records() {
        return records(AgentArgs.NAMESPACE);
    }

    /** The records of {@code namespace}. */
    public synchronized WorkerRecords records(String namespace) {
        return records.computeIfAbsent(namespace, ns -> new WorkerRecords(redis.host(), redis.port(), ns));
    }

    /** Agent options for worker {@code id} on this class's server, one-second beats. */
    public AgentArgs agent(String id) {
        return AgentArgs.of(redis.url(), id);
    }

    /** The runnable example worker on {@code jdk}, without an agent yet; add it, flags and arguments. */
    public JvmCommand exampleWorker(Jdk jdk) {
        return JvmCommand.on(jdk).jar(Artifacts.exampleJar());
    }

    /** Starts a JVM whose {@value #REDIS_URL_ENV} is this class's server; killed after the test. */
    public ChildProcess start(String name, JvmCommand command) {
        return start(name, command.toCommand());
    }

    /** Starts any command, {@value #REDIS_URL_ENV} pointing at this class's server unless it sets it. */
    public ChildProcess start(String name, ProcessCommand command) {
        if (!command.environment().containsKey(REDIS_URL_ENV)) {
            command.env(REDIS_URL_ENV, redis.url());
        }
        return processes.start(name, command);
    }

    private synchronized void closeRecords() {
        records.values().forEach(WorkerRecords::close);
    }
}
