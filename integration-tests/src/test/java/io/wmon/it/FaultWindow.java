package io.wmon.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Watches workers while a fault lasts: every tick it times one MBean getter of each worker with
 * an agent (over JMX) and lets the test act or sample (kill connections, read server stats); at
 * the end it has each worker's getter latencies and its application's pace over the window.
 */
final class FaultWindow {

    /** Time between two ticks. */
    static final Duration TICK = Duration.ofMillis(50);

    private FaultWindow() {
    }

    /** What one worker showed during the window. */
    record Observed(LatencySamples getters, double pace) {

        /** This window's pace as a share of {@code before}'s: 1.0 is the same pace. */
        double paceShareOf(Observed before) {
            return pace / before.pace;
        }
    }

    /** {@link #watch(List, Duration, LongConsumer)} of one worker. */
    static Observed watch(FaultWorker worker, Duration during, LongConsumer eachTick) {
        return watch(List.of(worker), during, eachTick).get(0);
    }

    /**
     * Runs for {@code during}; each tick calls {@code eachTick} with the milliseconds since the start,
     * then times one getter per worker with an agent.
     *
     * @return per worker, in order: its getter latencies (none without an agent) and its jobs per second
     */
    static List<Observed> watch(List<FaultWorker> workers, Duration during, LongConsumer eachTick) {
        List<LatencySamples> getters = new ArrayList<>();
        List<Long> jobsBefore = new ArrayList<>();
        for (FaultWorker worker : workers) {
            getters.add(new LatencySamples());
            jobsBefore.add(worker.jobsDone());
        }
        long start = System.nanoTime();
        for (int tick = 0; System.nanoTime() - start < during.toNanos(); tick++) {
            eachTick.accept(Pause.millisSince(start));
            for (int i = 0; i < workers.size(); i++) {
                if (workers.get(i).agent() != null) {
                    getters.get(i).add(workers.get(i).beans().timeGetter(tick));
                }
            }
            Pause.sleep(TICK);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Observed> observed = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            observed.add(new Observed(getters.get(i), (workers.get(i).jobsDone() - jobsBefore.get(i)) / seconds));
        }
        return observed;
    }
}
