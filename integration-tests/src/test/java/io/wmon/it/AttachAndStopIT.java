package io.wmon.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wmon.it.harness.AgentArgs;
import io.wmon.it.harness.Artifacts;
import io.wmon.it.harness.FleetRedis;
import io.wmon.it.harness.Jdk;
import io.wmon.it.harness.WorkerCommand;
import io.wmon.it.harness.WorkerProcess;
import io.wmon.it.harness.WorkerProcesses;
import io.wmon.it.harness.WorkerThreads;
import io.wmon.mbeans.ObjectNames;
import io.wmon.test.RedisServerExtension;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import javax.management.MBeanServerConnection;
import org.junit.jupiter.api.AfterEach;
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
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @RegisterExtension
    final WorkerProcesses workers = new WorkerProcesses();

    private final FleetRedis fleet = new FleetRedis(REDIS.host(), REDIS.port());

    @AfterEach
    void disconnect() {
        fleet.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.wmon.it.harness.Jdk#supported")
    void attachStopAndAttachAgain(Jdk jdk) throws IOException {
        jdk.assumeInstalled();
        AgentArgs agent = AgentArgs.of(REDIS.url(), "attach-" + jdk.label());
        WorkerProcess worker = workers.start("worker", WorkerCommand.on(jdk, REDIS.url()).args("--stdin"));
        worker.awaitOutput("^ready pid=\\d+ agent=false$", WorkerProcess.START_TIMEOUT);
        MBeanServerConnection jmx = worker.jmx();
        assertThat(jmx.queryNames(ObjectNames.ALL, null)).isEmpty();

        worker.attachAgent(Artifacts.agentJar(), agent.toString());
        assertRunning(worker, agent, 0);

        worker.attachAgent(Artifacts.agentJar(), "mode=stop");
        worker.awaitStderr("wmon agent stopped", UNDO_TIMEOUT);
        await("no wmon thread").atMost(UNDO_TIMEOUT)
                .untilAsserted(() -> assertThat(WorkerThreads.names(jmx)).noneMatch(name -> name.startsWith("wmon-")));
        await("no commons-pool evictor").atMost(UNDO_TIMEOUT)
                .untilAsserted(() -> assertThat(WorkerThreads.names(jmx)).doesNotContain("commons-pool-evictor"));
        assertThat(jmx.queryNames(ObjectNames.ALL, null)).as("io.wmon MBeans after stop").isEmpty();
        await("no wmon connection").atMost(UNDO_TIMEOUT).until(() -> REDIS.probe().countClients("wmon:") == 0);
        assertThat(worker.systemProperties()).doesNotContainKey("wmon.agent.version");
        Map<String, String> stopped = fleet.record(agent.id());
        assertThat(stopped).containsEntry("state", "stopped");
        assertThat(fleet.score(agent.id())).as("registry member after stop").isNull();

        worker.attachAgent(Artifacts.agentJar(), agent.toString());
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
        AgentArgs agent = AgentArgs.of(REDIS.url(), "attach-status");
        WorkerProcess worker = workers.start("worker", WorkerCommand.on(Jdk.current(), REDIS.url()).args("--stdin"));
        worker.awaitOutput("^ready pid=\\d+ agent=false$", WorkerProcess.START_TIMEOUT);
        worker.attachAgent(Artifacts.agentJar(), agent.toString());
        fleet.awaitRecord(agent.id(), WorkerProcess.START_TIMEOUT);

        worker.send("busy job-late");
        worker.awaitOutput("^ok busy job-late$", UNDO_TIMEOUT);
        fleet.awaitRecord(agent.id(), UNDO_TIMEOUT,
                record -> "busy".equals(record.get("state")) && "job-late".equals(record.get("job")));
    }

    /** The agent runs: a fresh record beating after {@code afterBeat}, its MBeans, its property, its connections. */
    private void assertRunning(WorkerProcess worker, AgentArgs agent, long afterBeat) throws IOException {
        fleet.awaitRecord(agent.id(), WorkerProcess.START_TIMEOUT, record -> !"stopped".equals(record.get("state"))
                && Long.parseLong(record.getOrDefault("beat", "0")) > afterBeat);
        await("registry member").atMost(WorkerProcess.START_TIMEOUT).until(() -> fleet.score(agent.id()) != null);
        MBeanServerConnection jmx = worker.jmx();
        assertThat(jmx.isRegistered(ObjectNames.worker())).isTrue();
        assertThat(jmx.isRegistered(ObjectNames.redisPool(agent.connectionName()))).isTrue();
        assertThat(WorkerThreads.names(jmx)).anyMatch(name -> name.startsWith("wmon-"));
        assertThat(worker.systemProperties()).containsKey("wmon.agent.version");
        await("agent connection").atMost(UNDO_TIMEOUT).until(() -> REDIS.probe().countClients(agent.connectionName()),
                count -> count >= 1);
        assertThat(REDIS.probe().countClients(agent.connectionName())).isLessThanOrEqualTo(4L);
    }
}
