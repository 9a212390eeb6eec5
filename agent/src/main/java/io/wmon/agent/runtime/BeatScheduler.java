package io.wmon.agent.runtime;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The agent's one thread, {@code wmon-heartbeat}: runs the heartbeat every interval with ±5 %
 * jitter (so that a fleet started together does not beat together), an early beat soon after
 * a state change, at most one per second, so that Redis shows a new state without waiting a full
 * interval and without a write per job, and the event flush soon after an event, at most one per
 * {@value #FLUSH_GAP_MILLIS} ms, so that a state change reaches the stream within tens of
 * milliseconds however often it happens. A flush that a beat would overtake is left to the beat,
 * which carries the events in its own pipeline.
 */
final class BeatScheduler {

    /** Early beats are at least this far apart, ms. */
    static final long EARLY_BEAT_GAP_MILLIS = 1_000;

    /** Event flushes (or beats, which carry the events too) are at least this far apart, ms. */
    static final long FLUSH_GAP_MILLIS = 50;

    private final ScheduledExecutorService executor;
    private final long intervalMillis;
    private final AtomicBoolean earlyPending = new AtomicBoolean();
    private final AtomicBoolean flushPending = new AtomicBoolean();
    private volatile Runnable beat;
    private volatile Runnable flush;
    private volatile long lastBeatNanos;
    private volatile long lastWriteNanos;
    private volatile long nextRegularBeatNanos = Long.MAX_VALUE;
    private volatile long earlyBeatNanos = Long.MAX_VALUE;

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

    /** Starts the regular beats: the first right away, then every interval ± jitter; {@code eventFlush} on demand. */
    void start(Runnable heartbeat, Runnable eventFlush) {
        this.beat = heartbeat;
        this.flush = eventFlush;
        executor.execute(this::regularBeat);
    }

    /**
     * Asks for the event flush soon: at once when the last write of events (a flush or a beat) was at
     * least {@value #FLUSH_GAP_MILLIS} ms ago, else when that much has passed; coalesces with a pending
     * flush. Cheap and non-blocking: application threads call it.
     */
    void flushSoon() {
        if (flush == null || executor.isShutdown() || !flushPending.compareAndSet(false, true)) {
            return;
        }
        long sinceLast = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastWriteNanos);
        long delay = Math.max(0, FLUSH_GAP_MILLIS - sinceLast);
        try {
            executor.schedule(() -> {
                flushPending.set(false);
                runFlush();
            }, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            flushPending.set(false);
        }
    }

    private void runFlush() {
        long now = System.nanoTime();
        long nextBeat = Math.min(nextRegularBeatNanos, earlyBeatNanos);
        if (nextBeat - now < TimeUnit.MILLISECONDS.toNanos(FLUSH_GAP_MILLIS)) {
            return; // a beat is due within the gap anyway, and carries the events in its pipeline
        }
        lastWriteNanos = now;
        flush.run();
    }

    /** Asks for a beat soon; coalesces with any pending early beat. */
    void beatSoon() {
        if (beat == null || executor.isShutdown() || !earlyPending.compareAndSet(false, true)) {
            return;
        }
        long sinceLast = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastBeatNanos);
        long delay = Math.max(0, EARLY_BEAT_GAP_MILLIS - sinceLast);
        earlyBeatNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
        try {
            executor.schedule(() -> {
                earlyPending.set(false);
                earlyBeatNanos = Long.MAX_VALUE;
                runBeat();
            }, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            earlyPending.set(false);
            earlyBeatNanos = Long.MAX_VALUE;
        }
    }

    private void regularBeat() {
        runBeat();
        long jitter = intervalMillis / 20;
        long next = intervalMillis + (jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(-jitter, jitter + 1));
        nextRegularBeatNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(next);
        try {
            executor.schedule(this::regularBeat, next, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // Shut down between two beats.
        }
    }

    private void runBeat() {
        lastBeatNanos = System.nanoTime();
        lastWriteNanos = lastBeatNanos; // a beat carries the waiting events
        beat.run();
    }

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
