package io.wmon.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wmon.core.record.WorkerRecordCodec;
import io.wmon.mbeans.WorkerMXBean;
import io.wmon.test.ConnectionSampler;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import io.wmon.test.worker.WorkerRecords;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis loses the fleet's keys, by {@code FLUSHALL} or by a restart without persistence: the next beat
 * writes the worker's record whole and puts it back in the registry, although a beat normally sends
 * only the fields that changed.
 */
@Timeout(value = 90, unit = SECONDS)
class RedisLostDataIT {

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    /** The next beat is due within one interval (+5 % jitter); the slack covers the poll and a noisy machine. */
    private static final Duration NEXT_BEAT_BOUND = Duration.ofMillis(INTERVAL.toMillis() * 105 / 100 + 500);

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    private final WorkerRecords records = FLEET.records();

    @Test
    void theNextBeatAfterFlushallOrAnEmptyRestartWritesTheRecordWhole() {
        AgentArgs agent = FLEET.agent("lost-data");
        // Scripted and quiet: no state change brings a beat forward, so "the next beat" is the regular one.
        FaultWorker worker = FaultWorker.start(FLEET, agent, "--stdin");
        WorkerMXBean bean = worker.beans().worker();
        Map<String, String> whole = records.awaitRecord(agent.id(), ChildProcess.START_TIMEOUT);
        await().atMost(Duration.ofSeconds(10)).until(bean::getHeartbeatCount, beats -> beats >= 3);
        long failuresBefore = bean.getHeartbeatFailureCount();

        long flushMillis;
        try (ServerAdmin admin = ServerAdmin.connect(FLEET.redis(), "admin")) {
            flushMillis = rewrittenAfter(agent, whole.keySet(), "flushall",
                    () -> assertThat(admin.flushAll()).as("keys right after FLUSHALL").isZero());
        }
        String runId = runId();
        // The test server keeps no data across a restart (RedisServerFaultContract checks it): a new process, empty.
        long restartMillis = rewrittenAfter(agent, whole.keySet(), "empty_restart", () -> FLEET.redis().restart());
        assertThat(runId()).as("run_id after the restart").isNotEqualTo(runId);

        long failed = bean.getHeartbeatFailureCount() - failuresBefore;
        long connectionsAfter = ConnectionSampler.sample(FLEET.probe(), Duration.ofSeconds(1))
                .max(ConnectionSampler.named(agent.connectionName()));
        Figures.report("lost_data.beats_failed", failed);
        Figures.report("lost_data.connections_after_max", connectionsAfter);
        assertThat(connectionsAfter).as("agent connections after").isBetween(1L, (long) AgentConnectionBudget.POOL_MAX_TOTAL);
        assertThat(Duration.ofMillis(flushMillis)).as("FLUSHALL to the whole record").isLessThan(NEXT_BEAT_BOUND);
        assertThat(Duration.ofMillis(restartMillis)).as("empty restart to the whole record").isLessThan(NEXT_BEAT_BOUND);
        assertThat(worker.stackTraceLines()).isEmpty();
        assertThat(worker.outageStarts()).as("an outage line means a beat failed: %d did", failed).hasSize(failed > 0 ? 1 : 0);
    }

    private static String runId() {
        try (ServerAdmin admin = ServerAdmin.connect(FLEET.redis(), "admin")) {
            return admin.runId();
        }
    }

    /**
     * Causes {@code loss}, waits for the record to hold every field of {@code fields} again and checks that
     * the beat that wrote it was the first after the loss; returns the milliseconds from the loss to then.
     */
    private long rewrittenAfter(AgentArgs agent, Set<String> fields, String figure, Runnable loss) {
        long lostAtMillis = System.currentTimeMillis();
        long start = System.nanoTime();
        loss.run();
        Map<String, String> back = records.awaitRecord(agent.id(), Duration.ofSeconds(15),
                record -> record.keySet().containsAll(fields));
        long millis = Pause.millisSince(start);
        long beat = Long.parseLong(back.get("beat"));

        assertThat(back.keySet()).isEqualTo(fields);
        assertThat(WorkerRecordCodec.decode(back).isValid()).as("decodes: %s", back).isTrue();
        assertThat(beat - lostAtMillis).as("the beat that wrote it whole, ms after the loss")
                .isBetween(0L, NEXT_BEAT_BOUND.toMillis());
        assertThat(records.score(agent.id())).as("registry score").isEqualTo((double) beat);
        Figures.report("lost_data." + figure + "_to_whole_record_ms", millis);
        return millis;
    }
}
