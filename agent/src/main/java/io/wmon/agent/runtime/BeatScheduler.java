package io.wmon.agent.runtime;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The agent's one thread, {@code wmon-heartbeat}: runs the heartbeat every interval with ±5 %
 * jitter (so that a fleet started together does not beat together), and an early beat soon after
 * a state change, at most one per second, so that Redis shows a new state without waiting a full
 * interval and without a write per job.
 */
final class BeatScheduler {

    /** Early beats are at least this far apart, ms. */
    static final long EARLY_BEAT_GAP_MILLIS = 1_000;

    private final ScheduledExecutorService executor;
    private final long intervalMillis;
    private final AtomicBoolean earlyPending = new AtomicBoolean();
    private volatile Runnable beat;
    private volatile long lastBeatNanos;

    BeatScheduler(long intervalMillis) {
        this.intervalMillis = intervalMillis;
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "wmon-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        pool.setRemoveOnCancelPolicy(true);
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.executor = pool;
    }

    /** Runs {@code task} once on the agent thread, now. */
    void execute(Runnable task) {
        executor.execute(task);
    }

    /** Starts the regular beats: the first right away, then every interval ± jitter. */
    void start(Runnable heartbeat) {
        this.beat = heartbeat;
        executor.execute(this::regularBeat);
    }

    /** Asks for a beat soon; coalesces with any pending early beat. */
    void beatSoon() {
        if (beat == null || executor.isShutdown() || !earlyPending.compareAndSet(false, true)) {
            return;
        }
        long sinceLast = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastBeatNanos);
        long delay = Math.max(0, EARLY_BEAT_GAP_MILLIS - sinceLast);
        try {
            executor.schedule(() -> {
                earlyPending.set(false);
                runBeat();
            }, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            earlyPending.set(false);
        }
    }

    private void regularBeat() {
        runBeat();
        long jitter = intervalMillis / 20;
        long next = intervalMillis + (jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(-jitter, jitter + 1));
        try {
            executor.schedule(this::regularBeat, next, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // Shut down between two beats.
        }
    }

    private void runBeat() {
        lastBeatNanos = System.nanoTime();
        beat.run();
    }

    /** Stops the thread; waits up to {@code waitMillis} for a beat in progress. */
    /** Stops the thread, waiting at most {@code waitMillis} for a beat in progress; returns whether it ended. */
    boolean shutdown(long waitMillis) {
        executor.shutdownNow();
        try {
            return executor.awaitTermination(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
