package io.wmon.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wmon.test.jvm.Artifacts;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.jvm.JvmCommand;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
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
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    @Test
    void java25WarnsWithoutTheFlag() {
        ChildProcess worker = attachedWorker(java25(), "warn-25", false);
        worker.awaitStderr("^" + WARNING + " \\(.*wmon-agent\\.jar\\)$", ChildProcess.START_TIMEOUT);
    }

    @Test
    void java25StaysQuietWithTheFlag() {
        ChildProcess worker = attachedWorker(java25(), "quiet-25", true);
        assertThat(worker.stderr()).doesNotContain(WARNING).doesNotContain("EnableDynamicAgentLoading");
    }

    @Test
    void java17NeverWarns() {
        Jdk jdk = Jdk.current();
        assumeTrue(jdk.feature() < 21, "the test JVM is not older than 21");
        ChildProcess worker = attachedWorker(jdk, "quiet-" + jdk.label(), false);
        assertThat(worker.stderr()).doesNotContain(WARNING);
    }

    private static Jdk java25() {
        return Jdk.java25().assumeInstalled();
    }

    /** A worker on {@code jdk} into which the agent was attached and has written its record. */
    private static ChildProcess attachedWorker(Jdk jdk, String id, boolean enableDynamicLoading) {
        JvmCommand command = FLEET.exampleWorker(jdk).args("--stdin");
        if (enableDynamicLoading) {
            command.jvmFlag("-XX:+EnableDynamicAgentLoading");
        }
        ChildProcess worker = FLEET.start("worker", command);
        worker.awaitStdout("^ready pid=", ChildProcess.START_TIMEOUT);
        AgentArgs agent = FLEET.agent(id);
        worker.loadAgent(Artifacts.agentJar(), agent.toString());
        FLEET.records().awaitRecord(agent.id(), ChildProcess.START_TIMEOUT);
        return worker;
    }
}
