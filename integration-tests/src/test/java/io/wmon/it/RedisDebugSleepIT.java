package io.wmon.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wmon.mbeans.WorkerMXBean;
import io.wmon.test.ConnectionSampler;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code DEBUG SLEEP 5}: the server's one thread sleeps, a slow command or a fork on a big data set
 * would do the same. The agent's beats time out meanwhile and resume after, its getters stay fast, and
 * nothing but its two outage lines reaches the log.
 */
@Timeout(value = 90, unit = SECONDS)
class RedisDebugSleepIT {

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final double SLEEP_SECONDS = 5;
    /** A beat stuck in the sleep times out after 2 s, and the breaker may have opened (first delay: one interval). */
    private static final Duration RESUME_BOUND = INTERVAL.multipliedBy(3 * 2);

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    @Test
    void beatsResumeAfterTheSleepAndGettersStayFast() throws Exception {
        AgentArgs agent = FLEET.agent("debug-sleep");
        FaultWorker worker = FaultWorker.start(FLEET, agent, "--job-millis", "20");
        FLEET.records().awaitRecord(agent.id(), ChildProcess.START_TIMEOUT);
        WorkerMXBean bean = worker.beans().worker();
        await().atMost(Duration.ofSeconds(10)).until(bean::getHeartbeatCount, beats -> beats >= 2);
        long failuresBefore = worker.beans().breaker().getFailedCallCount();
        long beatFailuresBefore = bean.getHeartbeatFailureCount();
        FaultWindow.Observed before = FaultWindow.watch(worker, Duration.ofSeconds(2), elapsed -> { });

        long awakeMillis;
        FaultWindow.Observed asleep;
        try (ServerAdmin admin = ServerAdmin.connect(FLEET.redis(), "sleeper")) {
            CompletableFuture<Long> sleep = CompletableFuture.supplyAsync(() -> {
                admin.debugSleep(SLEEP_SECONDS);
                return System.currentTimeMillis();
            });
            asleep = FaultWindow.watch(worker, Duration.ofMillis((long) (SLEEP_SECONDS * 1000) - 300), elapsed -> { });
            awakeMillis = sleep.get(15, TimeUnit.SECONDS);
        }
        long awakeNanos = System.nanoTime();
        FLEET.records().awaitRecord(agent.id(), Duration.ofSeconds(30),
                fields -> Long.parseLong(fields.getOrDefault("beat", "0")) >= awakeMillis);
        long resumeMillis = Pause.millisSince(awakeNanos);
        // Calls of the agent that timed out: the beats', and the event writes' that may come first.
            long failed = worker.beans().breaker().getFailedCallCount() - failuresBefore;
            long beatsFailed = bean.getHeartbeatFailureCount() - beatFailuresBefore;
        long connectionsAfter = ConnectionSampler.sample(FLEET.probe(), Duration.ofSeconds(1))
                .max(ConnectionSampler.named(agent.connectionName()));

        Figures.report("debug_sleep.calls_failed", failed);
        Figures.report("debug_sleep.beats_failed", beatsFailed);
        Figures.report("debug_sleep.resume_ms", resumeMillis);
        Figures.report("debug_sleep.connections_after_max", connectionsAfter);
        Figures.report("debug_sleep.pace_before_per_s", before.pace());
        Figures.report("debug_sleep.pace_asleep_per_s", asleep.pace());
        asleep.getters().report("debug_sleep");

        assertThat(failed).as("calls that timed out in the sleep").isPositive();
        assertThat(Duration.ofMillis(resumeMillis)).as("the end of the sleep to a fresh beat").isLessThan(RESUME_BOUND);
        assertThat(asleep.getters().medianMillis()).isLessThan(50);
        assertThat(asleep.getters().maxMillis()).isLessThan(1_000);
        assertThat(connectionsAfter).as("agent connections after").isBetween(1L, (long) AgentConnectionBudget.POOL_MAX_TOTAL);
        assertThat(worker.stackTraceLines()).isEmpty();
        assertThat(worker.outageStarts()).singleElement().asString().contains("timed out");
        await().atMost(Duration.ofSeconds(5)).until(() -> worker.outageEnds().size() == 1);
    }
}
