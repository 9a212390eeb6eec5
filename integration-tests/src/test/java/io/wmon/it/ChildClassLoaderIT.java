package io.wmon.it;

import static java.util.concurrent.TimeUnit.SECONDS;

import io.wmon.it.harness.AgentArgs;
import io.wmon.it.harness.Artifacts;
import io.wmon.it.harness.FleetRedis;
import io.wmon.it.harness.Jdk;
import io.wmon.it.harness.WorkerCommand;
import io.wmon.it.harness.WorkerProcess;
import io.wmon.it.harness.WorkerProcesses;
import io.wmon.test.RedisServerExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Code in a child class loader that cannot see the application's copy of {@code io.wmon.api}
 * (a servlet container, a plugin) still reaches the agent: the agent put the API on the bootstrap
 * class path.
 */
@Timeout(value = 90, unit = SECONDS)
class ChildClassLoaderIT {

    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(10);

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @RegisterExtension
    final WorkerProcesses workers = new WorkerProcesses();

    private final FleetRedis fleet = new FleetRedis(REDIS.host(), REDIS.port());

    @AfterEach
    void disconnect() {
        fleet.close();
    }

    @Test
    void busyFromAChildLoaderReachesTheRecord() {
        AgentArgs agent = AgentArgs.of(REDIS.url(), "child-loader");
        WorkerProcess worker = workers.start("worker", WorkerCommand.on(Jdk.current(), REDIS.url())
                .agent(agent.toString()).args("--stdin"));
        fleet.awaitRecord(agent.id(), WorkerProcess.START_TIMEOUT);

        worker.send("child-busy job-9");
        worker.awaitOutput("^ok child-busy job-9$", STATUS_TIMEOUT);
        worker.awaitOutput("^child api loader: bootstrap$", STATUS_TIMEOUT);
        fleet.awaitRecord(agent.id(), STATUS_TIMEOUT,
                record -> "busy".equals(record.get("state")) && "job-9".equals(record.get("job")));
    }

    /**
     * Attached later, the agent finds the application's own copy of {@code io.wmon.api} already
     * loaded; a child loader created afterwards resolves the bootstrap copy. Both must reach the agent.
     */
    @Test
    void busyFromAChildLoaderReachesAnAgentAttachedLater() {
        AgentArgs agent = AgentArgs.of(REDIS.url(), "child-loader-attached");
        WorkerProcess worker = workers.start("worker", WorkerCommand.on(Jdk.current(), REDIS.url()).args("--stdin"));
        worker.awaitOutput("^ready pid=\\d+ agent=false$", WorkerProcess.START_TIMEOUT);
        worker.attachAgent(Artifacts.agentJar(), agent.toString());
        fleet.awaitRecord(agent.id(), WorkerProcess.START_TIMEOUT);

        worker.send("child-busy job-10");
        worker.awaitOutput("^ok child-busy job-10$", STATUS_TIMEOUT);
        fleet.awaitRecord(agent.id(), STATUS_TIMEOUT,
                record -> "busy".equals(record.get("state")) && "job-10".equals(record.get("job")));
    }
}
