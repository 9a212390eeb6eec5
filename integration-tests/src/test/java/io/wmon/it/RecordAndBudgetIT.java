package io.wmon.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.wmon.core.record.WorkerRecordCodec;
import io.wmon.test.ConnectionSampler;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import io.wmon.test.worker.WorkerRecords;
import io.wmon.test.worker.WorkerRecords.BeatAndScore;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The record a worker's agent writes, its TTL and registry score, and the connections it holds meanwhile. */
@Timeout(value = 90, unit = SECONDS)
class RecordAndBudgetIT {

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    private final WorkerRecords records = FLEET.records();

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.wmon.test.jvm.Jdk#supported")
    void recordHasItsFieldsTtlAndScore(Jdk jdk) {
        jdk.assumeInstalled();
        AgentArgs agent = FLEET.agent("record-" + jdk.label());
        ChildProcess worker = FLEET.start("worker", FLEET.exampleWorker(jdk)
                .agent(agent.toString()).args("--job-millis", "100"));
        worker.awaitStdout("^ready pid=", ChildProcess.START_TIMEOUT);

        Map<String, String> record = records.awaitRecord(agent.id(), ChildProcess.START_TIMEOUT);
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
        assertThat(records.pttl(agent.id())).isBetween(10_000L, 15_000L);

        BeatAndScore beat = records.beatAndScore(agent.id());
        assertThat(beat.score()).as("registry score").isNotNull();
        assertThat(beat.score().longValue()).isEqualTo(Long.parseLong(beat.beat()));
        assertThat(beat.score().longValue()).isCloseTo(System.currentTimeMillis(), within(10_000L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.wmon.test.jvm.Jdk#supported")
    void connectionsAreNamedAndWithinPoolMaxTotalOverSeveralBeats(Jdk jdk) {
        jdk.assumeInstalled();
        AgentArgs agent = FLEET.agent("budget-" + jdk.label()).with("poolMaxTotal", "4");
        ChildProcess worker = FLEET.start("worker", FLEET.exampleWorker(jdk)
                .agent(agent.toString()).args("--job-millis", "100"));
        long firstBeat = Long.parseLong(records.awaitRecord(agent.id(), ChildProcess.START_TIMEOUT).get("beat"));

        ConnectionSampler samples = ConnectionSampler.sample(FLEET.probe(), Duration.ofMillis(4_500));

        assertThat(samples.max(ConnectionSampler.named(agent.connectionName())))
                .as("agent connections, most seen at once").isBetween(1L, 4L);
        assertThat(samples.seen(client -> !client.name().equals(agent.connectionName())))
                .as("connections other than the agent's named ones").isEmpty();
        assertThat(Long.parseLong(records.record(agent.id()).get("beat")))
                .as("the beat went on while sampling").isGreaterThanOrEqualTo(firstBeat + 2_500);
        assertThat(worker.isAlive()).isTrue();
    }
}
