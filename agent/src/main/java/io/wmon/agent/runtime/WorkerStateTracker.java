package io.wmon.agent.runtime;

import io.wmon.api.spi.StatusListener;
import io.wmon.core.record.WorkerState;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The worker's state, current job and job counters, as reported through
 * {@link io.wmon.api.WorkerStatus}.
 *
 * <p>Calls come from application threads and must be cheap: a synchronized swap of an immutable
 * pair, two counters, and a callback that only schedules work. A worker that never calls the API
 * is {@code starting} until its first heartbeat lands, then {@code idle}.
 */
public final class WorkerStateTracker implements StatusListener {

    /** Told of every change of state or job; runs on the caller's thread, so it must not block. */
    public interface ChangeListener {
        void changed(WorkerState from, WorkerState to, String job);
    }

    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final ChangeListener listener;
    private volatile StateAndJob current = new StateAndJob(WorkerState.STARTING, "");

    public WorkerStateTracker(ChangeListener listener) {
        this.listener = listener;
    }

    @Override
    public void onBusy(String jobId) {
        moveTo(WorkerState.BUSY, jobId);
    }

    @Override
    public void onIdle() {
        moveTo(WorkerState.IDLE, "");
    }

    @Override
    public void onJobSucceeded() {
        processed.incrementAndGet();
        moveTo(WorkerState.IDLE, "");
    }

    @Override
    public void onJobFailed() {
        failed.incrementAndGet();
        moveTo(WorkerState.IDLE, "");
    }

    @Override
    public void onPaused() {
        moveTo(WorkerState.PAUSED, "");
    }

    /** After the first heartbeat: a worker still {@code starting} becomes {@code idle}. */
    void startedUp() {
        StateAndJob before;
        synchronized (this) {
            before = current;
            if (before.state != WorkerState.STARTING) {
                return;
            }
            current = new StateAndJob(WorkerState.IDLE, "");
        }
        listener.changed(before.state, WorkerState.IDLE, "");
    }

    /** The agent is shutting down. */
    void stopping() {
        moveTo(WorkerState.STOPPING, current.job);
    }

    private void moveTo(WorkerState state, String job) {
        StateAndJob before;
        synchronized (this) {
            before = current;
            if (before.state == state && before.job.equals(job)) {
                return;
            }
            if (before.state == WorkerState.STOPPING && state != WorkerState.STOPPING) {
                return;
            }
            current = new StateAndJob(state, job);
        }
        listener.changed(before.state, state, job);
    }

    public WorkerState state() {
        return current.state;
    }

    /** The current job id, or {@code ""}. */
    public String job() {
        return current.job;
    }

    public long processedCount() {
        return processed.get();
    }

    public long failedCount() {
        return failed.get();
    }

    /** A state with its job, swapped as one so that readers never see a job of another state. */
    private static final class StateAndJob {
        final WorkerState state;
        final String job;

        StateAndJob(WorkerState state, String job) {
            this.state = state;
            this.job = job == null ? "" : job;
        }
    }
}
