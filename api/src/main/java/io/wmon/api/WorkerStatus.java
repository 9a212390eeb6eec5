package io.wmon.api;

import io.wmon.api.spi.StatusListener;
import io.wmon.api.spi.StatusListeners;

/**
 * Tells the wmon agent what this worker is doing.
 *
 * <p>Call {@link #busy(String)} when a job starts and {@link #jobSucceeded()} or
 * {@link #jobFailed()} when it ends; the agent publishes the state, the current job and the
 * counters in the worker's Redis record and on the {@code io.wmon:type=Worker} MBean. Without an
 * agent every method is a cheap no-op (one volatile read), so the calls can stay in production
 * code. Every method is thread-safe and never throws.
 */
public final class WorkerStatus {

    private WorkerStatus() {
    }

    /** The worker started the job {@code jobId} (may be null or empty when jobs have no id). */
    public static void busy(String jobId) {
        StatusListener listener = StatusListeners.current();
        if (listener != null) {
            safely(() -> listener.onBusy(jobId == null ? "" : jobId));
        }
    }

    /** The worker waits for work. */
    public static void idle() {
        StatusListener listener = StatusListeners.current();
        if (listener != null) {
            safely(listener::onIdle);
        }
    }

    /** The current job finished successfully: the processed count goes up and the worker is idle. */
    public static void jobSucceeded() {
        StatusListener listener = StatusListeners.current();
        if (listener != null) {
            safely(listener::onJobSucceeded);
        }
    }

    /** The current job failed: the failed count goes up and the worker is idle. */
    public static void jobFailed() {
        StatusListener listener = StatusListeners.current();
        if (listener != null) {
            safely(listener::onJobFailed);
        }
    }

    /** The worker deliberately takes no work (maintenance, back-pressure). */
    public static void paused() {
        StatusListener listener = StatusListeners.current();
        if (listener != null) {
            safely(listener::onPaused);
        }
    }

    /** Whether an agent is listening; for applications that want to log it at start-up. */
    public static boolean isAgentPresent() {
        return StatusListeners.current() != null;
    }

    private static void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            // Monitoring must never break the job that reports to it.
        }
    }
}
