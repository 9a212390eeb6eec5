package io.wmon.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wmon.core.record.WorkerRecordCodec;
import io.wmon.mbeans.CircuitBreakerMXBean;
import io.wmon.mbeans.RedisPoolMXBean;
import io.wmon.mbeans.WorkerMXBean;
import io.wmon.test.ConnectionSampler;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import io.wmon.test.worker.WorkerRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis crashes (SIGKILL) and comes back on the same port, empty: the agent's same pool reconnects
 * within three beats, its connections stay within budget, and its log holds one line for the outage's
 * start and one for its end, no stack trace.
 */
@Timeout(value = 90, unit = SECONDS)
class RedisKilledAndRestartedIT {

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final int POOL_MAX_TOTAL = AgentConnectionBudget.POOL_MAX_TOTAL;
    /** Long enough for three beats to fail and the breaker to open, short of its second delay. */
    private static final Duration DOWN = Duration.ofMillis(2_500);
    /** The bound is three intervals; twice that here, as the machine is noisy. */
    private static final Duration RECOVERY_BOUND = INTERVAL.multipliedBy(3 * 2);
    private static final Pattern RESTORED = Pattern.compile("after ([0-9.]+) s; (\\d+) beats missed");

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    private final WorkerRecords records = FLEET.records();

    @Test
    void theSamePoolReconnectsWithinThreeBeatsAndTheOutageIsTwoLines() {
        AgentArgs agent = FLEET.agent("kill-restart").with("poolMaxTotal", Integer.toString(POOL_MAX_TOTAL));
        FaultWorker worker = FaultWorker.start(FLEET, agent, "--job-millis", "20");
        records.awaitRecord(agent.id(), ChildProcess.START_TIMEOUT);
        WorkerMXBean bean = worker.beans().worker();
        RedisPoolMXBean pool = worker.beans().pool();
        CircuitBreakerMXBean breaker = worker.beans().breaker();
        await().atMost(Duration.ofSeconds(10)).until(bean::getHeartbeatCount, beats -> beats >= 2);
        Set<ObjectName> poolsBefore = worker.beans().poolBeans();
        long createdBefore = pool.getCreatedCount();
        long destroyedBefore = pool.getDestroyedCount();
        long failuresBefore = bean.getHeartbeatFailureCount();
        long failedCallsBefore = breaker.getFailedCallCount();
        long notPermittedBefore = breaker.getNotPermittedCallCount();
        double paceBefore = worker.pace(Duration.ofSeconds(2));

        FLEET.redis().stop();
        FaultWindow.Observed down;
        try {
            down = FaultWindow.watch(worker, DOWN, elapsed -> { });
            assertThat(bean.getHeartbeatFailureCount() - failuresBefore).as("beats that failed while Redis was down")
                    .isGreaterThanOrEqualTo(BreakerSchedule.FAILURE_THRESHOLD);
            assertThat(breaker.getState()).as("breaker after %s down", DOWN).isIn("OPEN", "HALF_OPEN");
        } finally {
            FLEET.redis().start();
        }
        long upMillis = System.currentTimeMillis();
        // Every record the agent writes after the outage, as readers see them, until one says CLOSED.
        List<Map<String, String>> recordsAfter = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            Map<String, String> fields = records.record(agent.id());
            if (Long.parseLong(fields.getOrDefault("beat", "0")) >= upMillis && (recordsAfter.isEmpty()
                    || !recordsAfter.get(recordsAfter.size() - 1).get("beat").equals(fields.get("beat")))) {
                recordsAfter.add(fields);
            }
            return !recordsAfter.isEmpty() && "CLOSED".equals(recordsAfter.get(recordsAfter.size() - 1).get("breaker"));
        });
        Map<String, String> record = recordsAfter.get(0);
        long recoveryMillis = Long.parseLong(record.get("beat")) - upMillis;

        assertThat(Duration.ofMillis(recoveryMillis)).as("Redis back to a fresh beat in Redis").isLessThan(RECOVERY_BOUND);
        // The beat that lands first is the breaker's trial: a record in Redis never says OPEN, or status --check
        // would call every worker unhealthy for an interval after each outage.
        assertThat(recordsAfter).extracting(fields -> fields.get("breaker")).as("breaker in the records after the outage")
                .doesNotContain("OPEN");
        assertThat(WorkerRecordCodec.decode(records.awaitRecord(agent.id(), Duration.ofSeconds(5),
                fields -> fields.size() >= record.size())).isValid()).isTrue();
        assertThat(records.score(agent.id())).as("registry member").isNotNull();
        await().atMost(Duration.ofSeconds(5)).until(breaker::getState, "CLOSED"::equals);

        ConnectionSampler after = ConnectionSampler.sample(FLEET.probe(), Duration.ofSeconds(2));
        assertThat(after.max(ConnectionSampler.named(agent.connectionName()))).as("agent connections after")
                .isBetween(1L, (long) POOL_MAX_TOTAL);
        assertThat(after.seen(client -> !client.name().equals(agent.connectionName()))).as("other connections").isEmpty();

        // The same pool object: one pool bean, the same name, its counters going on from before the crash.
        assertThat(worker.beans().poolBeans()).isEqualTo(poolsBefore).containsExactly(worker.beans().poolName());
        assertThat(pool.getCreatedCount()).as("connections created by the pool").isGreaterThan(createdBefore);
        assertThat(pool.getDestroyedCount()).as("dead connections destroyed by the pool").isGreaterThan(destroyedBefore);

        assertThat(worker.stackTraceLines()).as("stack trace lines in the worker's output").isEmpty();
        assertThat(worker.outageStarts()).singleElement().asString().contains("connection refused");
        assertThat(worker.outageEnds()).hasSize(1);
        assertThat(worker.process().isAlive()).isTrue();

        Matcher restored = RESTORED.matcher(worker.outageEnds().get(0));
        assertThat(restored.find()).as(worker.outageEnds().get(0)).isTrue();
        Figures.report("kill_restart.down_ms", DOWN.toMillis());
        Figures.report("kill_restart.recovery_ms", recoveryMillis);
        Figures.report("kill_restart.breaker_in_records_after", recordsAfter.stream().map(fields -> fields.get("breaker")).toList());
        Figures.report("kill_restart.outage_logged_s", restored.group(1));
        Figures.report("kill_restart.beats_missed", restored.group(2));
        Figures.report("kill_restart.attempts_while_down", breaker.getFailedCallCount() - failedCallsBefore);
        Figures.report("kill_restart.not_permitted_while_down", breaker.getNotPermittedCallCount() - notPermittedBefore);
        Figures.report("kill_restart.connections_after_max", after.max(ConnectionSampler.named(agent.connectionName())));
        Figures.report("kill_restart.pool_created_before_after", createdBefore + "->" + pool.getCreatedCount());
        Figures.report("kill_restart.pace_before_per_s", paceBefore);
        Figures.report("kill_restart.pace_down_per_s", down.pace());
        down.getters().report("kill_restart");
    }
}
