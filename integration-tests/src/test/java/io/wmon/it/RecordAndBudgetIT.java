package io.wmon.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.wmon.core.record.WorkerRecordCodec;
import io.wmon.it.harness.AgentArgs;
import io.wmon.it.harness.ConnectionSampler;
import io.wmon.it.harness.FleetRedis;
import io.wmon.it.harness.FleetRedis.BeatAndScore;
import io.wmon.it.harness.Jdk;
import io.wmon.it.harness.WorkerCommand;
import io.wmon.it.harness.WorkerProcess;
import io.wmon.it.harness.WorkerProcesses;
import io.wmon.test.RedisServerExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The record a worker's agent writes, its TTL and registry score, and the connections it holds meanwhile. */
@Timeout(value = 90, unit = SECONDS)
class RecordAndBudgetIT {

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
    void recordHasItsFieldsTtlAndScore(Jdk jdk) {
        jdk.assumeInstalled();
        AgentArgs agent = AgentArgs.of(REDIS.url(), "record-" + jdk.label());
        WorkerProcess worker = workers.start("worker", WorkerCommand.on(jdk, REDIS.url())
                .agent(agent.toString()).args("--job-millis", "100"));
        worker.awaitOutput("^ready pid=", WorkerProcess.START_TIMEOUT);

        Map<String, String> record = fleet.awaitRecord(agent.id(), WorkerProcess.START_TIMEOUT);
        assertThat(record)
                .containsEntry("v", "1")
                .containsEntry("id", agent.id())
                .containsEntry("pid", Long.toString(worker.pid()))
                .containsEntry("interval", "1000");
        assertThat(record.get("host")).isNotBlank();
        assertThat(record.get("state")).isIn("starting", "idle", "busy");
        assertThat(record.get("jvm")).startsWith(Integer.toString(jdk.feature()));
        assertThat(record.get("agent")).isNotBlank()
                .isEqualTo(worker.systemProperties().getProperty("wmon.agent.version"));
        assertThat(WorkerRecordCodec.decode(record).isValid()).as("decodes: %s", record).isTrue();

        // 3 x 1 s is below the 15 s floor, so the TTL is 15 s, refreshed every beat.
        assertThat(fleet.pttl(agent.id())).isBetween(10_000L, 15_000L);

        BeatAndScore beat = fleet.beatAndScore(agent.id());
        assertThat(beat.score()).as("registry score").isNotNull();
        assertThat(beat.score().longValue()).isEqualTo(Long.parseLong(beat.beat()));
        assertThat(beat.score().longValue()).isCloseTo(System.currentTimeMillis(), within(10_000L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.wmon.it.harness.Jdk#supported")
    void connectionsAreNamedAndWithinPoolMaxTotalOverSeveralBeats(Jdk jdk) {
        jdk.assumeInstalled();
        AgentArgs agent = AgentArgs.of(REDIS.url(), "budget-" + jdk.label()).with("poolMaxTotal", "4");
        WorkerProcess worker = workers.start("worker", WorkerCommand.on(jdk, REDIS.url())
                .agent(agent.toString()).args("--job-millis", "100"));
        long firstBeat = Long.parseLong(fleet.awaitRecord(agent.id(), WorkerProcess.START_TIMEOUT).get("beat"));

        ConnectionSampler samples = ConnectionSampler.sample(REDIS.probe(), Duration.ofMillis(4_500));

        assertThat(samples.max(ConnectionSampler.named(agent.connectionName())))
                .as("agent connections, most seen at once").isBetween(1L, 4L);
        assertThat(samples.seen(client -> !client.name().equals(agent.connectionName())))
                .as("connections other than the agent's named ones").isEmpty();
        assertThat(Long.parseLong(fleet.record(agent.id()).get("beat")))
                .as("the beat went on while sampling").isGreaterThanOrEqualTo(firstBeat + 2_500);
        assertThat(worker.isAlive()).isTrue();
    }
}
