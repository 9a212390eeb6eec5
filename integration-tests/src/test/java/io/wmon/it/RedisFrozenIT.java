package io.wmon.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wmon.mbeans.WorkerMXBean;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis frozen (SIGSTOP) for longer than the agent's 2 s socket timeout: connections stay open and
 * nothing answers. The MBean getters still answer at once, the application keeps its pace (against the
 * same application without the agent over the same windows, which takes the machine's load out), and
 * SIGTERM ends the worker within the agent's bound while Redis is still frozen.
 */
@Timeout(value = 90, unit = SECONDS)
class RedisFrozenIT {

    /** The agent's socket timeout; the freeze must outlast it so that a beat really times out. */
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(2);
    /** docs/agent.md: the shutdown hook takes at most 0.9 s; three times that here, for the JVM's own exit on a noisy machine. */
    private static final Duration EXIT_BOUND = Duration.ofMillis(900 * 3);
    private static final Duration GETTER_MEDIAN_BOUND = Duration.ofMillis(50);
    /** No getter may wait for a socket timeout; a noisy machine may make a JMX call slow now and then. */
    private static final Duration GETTER_MAX_BOUND = Duration.ofSeconds(1);
    private static final int SIGTERM_STATUS = 128 + 15;

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    @Test
    void gettersAnswerTheApplicationKeepsItsPaceAndSigtermEndsTheWorker() {
        AgentArgs agent = FLEET.agent("frozen");
        FaultWorker worker = FaultWorker.start(FLEET, agent, "--job-millis", "20");
        // The same application without the agent, over the same windows: what the machine's load does to a pace.
        FaultWorker baseline = FaultWorker.withoutAgent(FLEET, "baseline", "--job-millis", "20");
        FLEET.records().awaitRecord(agent.id(), ChildProcess.START_TIMEOUT);
        WorkerMXBean bean = worker.beans().worker();
        await().atMost(Duration.ofSeconds(10)).until(bean::getHeartbeatCount, beats -> beats >= 2);
        long failuresBefore = worker.beans().breaker().getFailedCallCount();
        long beatFailuresBefore = bean.getHeartbeatFailureCount();
        List<FaultWindow.Observed> before = FaultWindow.watch(List.of(worker, baseline), Duration.ofSeconds(3),
                elapsed -> { });

        FLEET.redis().pause();
        try {
            List<FaultWindow.Observed> during = FaultWindow.watch(List.of(worker, baseline),
                    SOCKET_TIMEOUT.plusSeconds(3), elapsed -> { });
            FaultWindow.Observed frozen = during.get(0);
            // Calls of the agent that timed out: the beats', and the event writes' that may come first.
            long failed = worker.beans().breaker().getFailedCallCount() - failuresBefore;
            long beatsFailed = bean.getHeartbeatFailureCount() - beatFailuresBefore;
            assertThat(failed).as("calls that timed out while Redis was frozen").isPositive();

            long start = System.nanoTime();
            worker.process().terminate();
            int status = worker.process().awaitExit(Duration.ofSeconds(30));
            long exitMillis = Pause.millisSince(start);

            double kept = frozen.paceShareOf(before.get(0));
            double keptWithoutAgent = during.get(1).paceShareOf(before.get(1));
            Figures.report("frozen.pace_before_per_s", before.get(0).pace());
            Figures.report("frozen.pace_frozen_per_s", frozen.pace());
            Figures.report("frozen.pace_kept_percent", 100 * kept);
            Figures.report("frozen.baseline_pace_kept_percent", 100 * keptWithoutAgent);
            Figures.report("frozen.calls_failed", failed);
            Figures.report("frozen.beats_failed", beatsFailed);
            Figures.report("frozen.sigterm_exit_ms", exitMillis);
            frozen.getters().report("frozen");
            assertThat(frozen.getters().medianMillis()).isLessThan(GETTER_MEDIAN_BOUND.toMillis());
            assertThat(frozen.getters().maxMillis()).isLessThan(GETTER_MAX_BOUND.toMillis());
            assertThat(kept).as("pace kept while frozen (%.1f jobs/s, %.1f before), against %.2f without the agent",
                    frozen.pace(), before.get(0).pace(), keptWithoutAgent).isGreaterThanOrEqualTo(0.9 * keptWithoutAgent);
            assertThat(status).as(worker.process().describe()).isEqualTo(SIGTERM_STATUS);
            assertThat(Duration.ofMillis(exitMillis)).as("SIGTERM to exit").isLessThan(EXIT_BOUND);
            assertThat(worker.stackTraceLines()).isEmpty();
            assertThat(worker.outageStarts()).singleElement().asString().contains("timed out");
        } finally {
            FLEET.redis().resume();
        }
    }
}
