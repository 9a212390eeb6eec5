package io.wmon.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wmon.it.harness.AgentArgs;
import io.wmon.it.harness.Artifacts;
import io.wmon.it.harness.FleetRedis;
import io.wmon.it.harness.Jdk;
import io.wmon.it.harness.WorkerCommand;
import io.wmon.it.harness.WorkerProcess;
import io.wmon.it.harness.WorkerProcesses;
import io.wmon.test.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * JEP 451: from JDK 21 on, attaching an agent to a JVM started without
 * {@code -XX:+EnableDynamicAgentLoading} prints a warning on the worker's stderr (and works);
 * with the flag it does not. Operators see this warning when they run {@code wmon attach}.
 */
@Timeout(value = 90, unit = SECONDS)
class DynamicAgentLoadingWarningIT {

    private static final String WARNING = "WARNING: A Java agent has been loaded dynamically";

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
    void java25WarnsWithoutTheFlag() {
        WorkerProcess worker = attachedWorker(java25(), "warn-25", false);
        worker.awaitStderr("^" + WARNING + " \\(.*wmon-agent\\.jar\\)$", WorkerProcess.START_TIMEOUT);
    }

    @Test
    void java25StaysQuietWithTheFlag() {
        WorkerProcess worker = attachedWorker(java25(), "quiet-25", true);
        assertThat(worker.stderr()).doesNotContain(WARNING).doesNotContain("EnableDynamicAgentLoading");
    }

    @Test
    void java17NeverWarns() {
        Jdk jdk = Jdk.current();
        assumeTrue(jdk.feature() < 21, "the test JVM is not older than 21");
        WorkerProcess worker = attachedWorker(jdk, "quiet-" + jdk.label(), false);
        assertThat(worker.stderr()).doesNotContain(WARNING);
    }

    private static Jdk java25() {
        return Jdk.java25().assumeInstalled();
    }

    /** A worker on {@code jdk} into which the agent was attached and has written its record. */
    private WorkerProcess attachedWorker(Jdk jdk, String id, boolean enableDynamicLoading) {
        WorkerCommand command = WorkerCommand.on(jdk, REDIS.url()).args("--stdin");
        if (enableDynamicLoading) {
            command.jvmFlag("-XX:+EnableDynamicAgentLoading");
        }
        WorkerProcess worker = workers.start("worker", command);
        worker.awaitOutput("^ready pid=", WorkerProcess.START_TIMEOUT);
        AgentArgs agent = AgentArgs.of(REDIS.url(), id);
        worker.attachAgent(Artifacts.agentJar(), agent.toString());
        fleet.awaitRecord(agent.id(), WorkerProcess.START_TIMEOUT);
        return worker;
    }
}
