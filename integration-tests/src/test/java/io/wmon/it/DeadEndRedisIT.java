package io.wmon.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wmon.it.DeadEndListener.Behaviour;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The agent given a port that accepts and never answers, and one that accepts and closes at once: the
 * application starts and keeps its pace (against the same application without the agent, over the
 * same window), the getters stay fast, the log says once what is wrong, and once the circuit breaker
 * opens the agent makes at most one connection attempt per breaker delay.
 */
@Timeout(value = 120, unit = SECONDS)
class DeadEndRedisIT {

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    /** Long enough for several trials after the breaker opens (delays 1, 2, 4, 8 s). */
    private static final Duration WINDOW = Duration.ofSeconds(22);
    /** Accept times are exact; the beat schedule's ±5 % jitter is the only slack needed. */
    private static final long TOLERANCE_MILLIS = INTERVAL.toMillis() / 20;

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    @Test
    void theApplicationIsUnharmedAndTheBreakerBoundsTheAttempts() {
        try (DeadEndListener silent = DeadEndListener.open(Behaviour.NEVER_ANSWERS);
                DeadEndListener closing = DeadEndListener.open(Behaviour.CLOSES_AT_ONCE)) {
            AgentArgs silentAgent = AgentArgs.of(silent.url(), "never-answers");
            AgentArgs closingAgent = AgentArgs.of(closing.url(), "closes-at-once");
            FaultWorker baseline = FaultWorker.withoutAgent(FLEET, "baseline", "--job-millis", "20");
            FaultWorker onSilent = FaultWorker.start(FLEET, silentAgent, "--job-millis", "20");
            FaultWorker onClosing = FaultWorker.start(FLEET, closingAgent, "--job-millis", "20");
            await().atMost(Duration.ofSeconds(15)).until(() -> !silent.acceptedMillis().isEmpty()
                    && !closing.acceptedMillis().isEmpty());

            List<FaultWindow.Observed> seen = FaultWindow.watch(List.of(onSilent, onClosing, baseline), WINDOW,
                    elapsed -> { });

            report("never_answers", onSilent, silent, seen.get(0), seen.get(2));
            report("closes_at_once", onClosing, closing, seen.get(1), seen.get(2));
            check(onSilent, silent, seen.get(0), seen.get(2), "\\(timed out\\)");
            check(onClosing, closing, seen.get(1), seen.get(2), "the server (closed|reset) the connection");
        }
    }

    private static void check(FaultWorker worker, DeadEndListener listener, FaultWindow.Observed seen,
            FaultWindow.Observed baseline, String causePattern) {
        String name = worker.agent().id();
        assertThat(worker.process().isAlive()).as(name).isTrue();
        assertThat(seen.pace()).as("%s: jobs per second, against %.1f without the agent", name, baseline.pace())
                .isGreaterThanOrEqualTo(0.9 * baseline.pace());
        assertThat(seen.getters().medianMillis()).as(name).isLessThan(50);
        assertThat(seen.getters().maxMillis()).as(name).isLessThan(1_000);
        List<Long> accepts = listener.acceptedMillis();
        assertThat(accepts).as("%s: the breaker opened and tried again", name)
                .hasSizeGreaterThan(BreakerSchedule.FAILURE_THRESHOLD + 1);
        BreakerSchedule.assertAtMostOnePerDelay(accepts, BreakerSchedule.FAILURE_THRESHOLD, INTERVAL, TOLERANCE_MILLIS);
        assertThat(worker.beans().breaker().getState()).as(name).isIn("OPEN", "HALF_OPEN");
        assertThat(worker.outageStarts()).as(name).singleElement().asString().containsPattern(causePattern);
        assertThat(worker.stackTraceLines()).as(name).isEmpty();
    }

    private static void report(String name, FaultWorker worker, DeadEndListener listener, FaultWindow.Observed seen,
            FaultWindow.Observed baseline) {
        List<Long> accepts = listener.acceptedMillis();
        long first = accepts.get(0);
        long spanMillis = System.currentTimeMillis() - first;
        Figures.report(name + ".accepts", accepts.size());
        Figures.report(name + ".accept_offsets_ms", accepts.stream().map(t -> t - first).toList());
        Figures.report(name + ".accepts_per_min", BreakerSchedule.perMinute(accepts.size(), spanMillis));
        Figures.report(name + ".pace_per_s", seen.pace());
        Figures.report(name + ".baseline_pace_per_s", baseline.pace());
        Figures.report(name + ".outage_line", worker.outageStarts());
        seen.getters().report(name);
    }
}
