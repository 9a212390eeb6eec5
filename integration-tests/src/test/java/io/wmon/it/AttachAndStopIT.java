package io.wmon.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wmon.mbeans.ObjectNames;
import io.wmon.test.jvm.Artifacts;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.jvm.JvmThreads;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import io.wmon.test.worker.WorkerRecords;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import javax.management.MBeanServerConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Dynamic attach into a worker started without the agent, {@code mode=stop} undoing everything
 * the agent did, and a second attach working again.
 */
@Timeout(value = 120, unit = SECONDS)
class AttachAndStopIT {

    private static final Duration UNDO_TIMEOUT = Duration.ofSeconds(10);

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    private final WorkerRecords records = FLEET.records();

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.wmon.test.jvm.Jdk#supported")
    void attachStopAndAttachAgain(Jdk jdk) throws IOException {
        jdk.assumeInstalled();
        AgentArgs agent = FLEET.agent("attach-" + jdk.label());
        ChildProcess worker = FLEET.start("worker", FLEET.exampleWorker(jdk).args("--stdin"));
        worker.awaitStdout("^ready pid=\\d+ agent=false$", ChildProcess.START_TIMEOUT);
        MBeanServerConnection jmx = worker.jmx();
        assertThat(jmx.queryNames(ObjectNames.ALL, null)).isEmpty();

        worker.loadAgent(Artifacts.agentJar(), agent.toString());
        assertRunning(worker, agent, 0);

        worker.loadAgent(Artifacts.agentJar(), "mode=stop");
        worker.awaitStderr("wmon agent stopped", UNDO_TIMEOUT);
        await("no wmon thread").atMost(UNDO_TIMEOUT)
                .untilAsserted(() -> assertThat(JvmThreads.names(jmx)).noneMatch(name -> name.startsWith("wmon-")));
        await("no commons-pool evictor").atMost(UNDO_TIMEOUT)
                .untilAsserted(() -> assertThat(JvmThreads.names(jmx)).doesNotContain("commons-pool-evictor"));
        assertThat(jmx.queryNames(ObjectNames.ALL, null)).as("io.wmon MBeans after stop").isEmpty();
        await("no wmon connection").atMost(UNDO_TIMEOUT).until(() -> FLEET.probe().countClients("wmon:") == 0);
        assertThat(worker.systemProperties()).doesNotContainKey("wmon.agent.version");
        Map<String, String> stopped = records.record(agent.id());
        assertThat(stopped).containsEntry("state", "stopped");
        assertThat(records.score(agent.id())).as("registry member after stop").isNull();

        worker.loadAgent(Artifacts.agentJar(), agent.toString());
        assertRunning(worker, agent, Long.parseLong(stopped.get("beat")));

        worker.send("exit");
        assertThat(worker.awaitExit(UNDO_TIMEOUT)).as(worker.describe()).isZero();
    }

    /**
     * The worker called {@code WorkerStatus} before the agent came (its {@code ready} line asks
     * {@code isAgentPresent()}), so its class loader had already linked the application's own copy
     * of {@code io.wmon.api}; its later calls must still reach the attached agent.
     */
    @Test
    void statusCallsOfAnAlreadyRunningApplicationReachAnAttachedAgent() {
        AgentArgs agent = FLEET.agent("attach-status");
        ChildProcess worker = FLEET.start("worker", FLEET.exampleWorker(Jdk.current()).args("--stdin"));
        worker.awaitStdout("^ready pid=\\d+ agent=false$", ChildProcess.START_TIMEOUT);
        worker.loadAgent(Artifacts.agentJar(), agent.toString());
        records.awaitRecord(agent.id(), ChildProcess.START_TIMEOUT);

        worker.send("busy job-late");
        worker.awaitStdout("^ok busy job-late$", UNDO_TIMEOUT);
        records.awaitRecord(agent.id(), UNDO_TIMEOUT,
                record -> "busy".equals(record.get("state")) && "job-late".equals(record.get("job")));
    }

    /** The agent runs: a fresh record beating after {@code afterBeat}, its MBeans, its property, its connections. */
    private void assertRunning(ChildProcess worker, AgentArgs agent, long afterBeat) throws IOException {
        records.awaitRecord(agent.id(), ChildProcess.START_TIMEOUT, record -> !"stopped".equals(record.get("state"))
                && Long.parseLong(record.getOrDefault("beat", "0")) > afterBeat);
        await("registry member").atMost(ChildProcess.START_TIMEOUT).until(() -> records.score(agent.id()) != null);
        MBeanServerConnection jmx = worker.jmx();
        assertThat(jmx.isRegistered(ObjectNames.worker())).isTrue();
        assertThat(jmx.isRegistered(ObjectNames.redisPool(agent.connectionName()))).isTrue();
        assertThat(JvmThreads.names(jmx)).anyMatch(name -> name.startsWith("wmon-"));
        assertThat(worker.systemProperties()).containsKey("wmon.agent.version");
        await("agent connection").atMost(UNDO_TIMEOUT).until(() -> FLEET.probe().countClients(agent.connectionName()),
                count -> count >= 1);
        assertThat(FLEET.probe().countClients(agent.connectionName())).isLessThanOrEqualTo(4L);
    }
}
