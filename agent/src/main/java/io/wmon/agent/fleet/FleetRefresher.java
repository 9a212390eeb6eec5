package io.wmon.agent.fleet;

import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * The {@code wmon-fleet} thread: reads the fleet when someone asked for it, at most once per
 * interval, and keeps reading once per interval while {@code listening} holds (a JMX client waits
 * for stale-worker notifications). Nobody reading and nobody listening costs Redis nothing.
 */
final class FleetRefresher {

    private final ScheduledThreadPoolExecutor executor;
    private final long intervalNanos;
    private final Runnable read;
    private final BooleanSupplier listening;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile long lastReadNanos;
    private volatile boolean readOnce;

    /**
     * @param intervalMillis the least time between two reads, ms (the agent's heartbeat interval)
     * @param read reads and publishes the fleet; runs on this refresher's thread only
     * @param listening whether a read is wanted every interval even without a request
     */
    FleetRefresher(long intervalMillis, Runnable read, BooleanSupplier listening) {
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        this.read = Objects.requireNonNull(read, "read");
        this.listening = Objects.requireNonNull(listening, "listening");
        this.executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "wmon-fleet");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Asks for a read: now if the last one is an interval old, else when it will be; never two pending. */
    void wanted() {
        if (executor.isShutdown() || !scheduled.compareAndSet(false, true)) {
            return;
        }
        long delay = readOnce ? Math.max(0, intervalNanos - (System.nanoTime() - lastReadNanos)) : 0;
        try {
            executor.schedule(this::readNow, delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopping) {
            scheduled.set(false);
        }
    }

    private void readNow() {
        lastReadNanos = System.nanoTime();
        readOnce = true;
        // Cleared after the time is taken, so that a request arriving during the read waits a whole interval.
        scheduled.set(false);
        try {
            read.run();
        } finally {
            if (listening.getAsBoolean()) {
                wanted();
            }
        }
    }

    /** Stops the thread, waiting at most {@code waitMillis} for a read in progress; returns whether it ended. */
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
