package io.wmon.agent.runtime;

import io.wmon.api.spi.StatusListener;
import io.wmon.core.record.WorkerState;

/**
 * The worker's state, current job and job counters, as reported through
 * {@link io.wmon.api.WorkerStatus}, held as one immutable {@link Activity} that every report
 * replaces whole.
 *
 * <p>Calls come from application threads and must be cheap: a synchronized swap of one small
 * object and a callback that only publishes and schedules. Because state, job and counters change
 * together, a reader of {@link #activity()} never sees the job of another state, nor a job counted
 * as done while the worker still shows it busy. A worker that never calls the API is
 * {@code starting} until its first heartbeat lands, then {@code idle}.
 */
public final class WorkerStateTracker implements StatusListener {

    /** Told of every change of state or job; runs on the caller's thread, so it must not block. */
    public interface ChangeListener {
        void changed(WorkerState from, WorkerState to, String job);
    }

    private final ChangeListener listener;
    private final TextLimits limits;
    private volatile Activity current = new Activity(WorkerState.STARTING, "", 0, 0);

    public WorkerStateTracker(ChangeListener listener) {
        this(listener, new TextLimits());
    }

    WorkerStateTracker(ChangeListener listener, TextLimits limits) {
        this.listener = listener;
        this.limits = limits;
    }

    /** A job id longer than {@value TextLimits#JOB} characters is cut to that length and counted. */
    @Override
    public void onBusy(String jobId) {
        moveTo(WorkerState.BUSY, limits.cut(jobId, TextLimits.JOB), 0, 0);
    }

    @Override
    public void onIdle() {
        moveTo(WorkerState.IDLE, "", 0, 0);
    }

    @Override
    public void onJobSucceeded() {
        moveTo(WorkerState.IDLE, "", 1, 0);
    }

    @Override
    public void onJobFailed() {
        moveTo(WorkerState.IDLE, "", 0, 1);
    }

    @Override
    public void onPaused() {
        moveTo(WorkerState.PAUSED, "", 0, 0);
    }

    /** After the first heartbeat: a worker still {@code starting} becomes {@code idle}. */
    void startedUp() {
        Activity before;
        synchronized (this) {
            before = current;
            if (before.state != WorkerState.STARTING) {
                return;
            }
            current = before.with(WorkerState.IDLE, "", 0, 0);
        }
        listener.changed(before.state, WorkerState.IDLE, "");
    }

    /** The agent is shutting down; the job in progress, if any, stays on the record. */
    void stopping() {
        moveTo(WorkerState.STOPPING, current.job, 0, 0);
    }

    private void moveTo(WorkerState state, String job, int succeeded, int failed) {
        String newJob = job == null ? "" : job;
        Activity before;
        synchronized (this) {
            before = current;
            boolean stopping = before.state == WorkerState.STOPPING && state != WorkerState.STOPPING;
            if (stopping && succeeded + failed == 0) {
                return;
            }
            WorkerState to = stopping ? before.state : state;
            String toJob = stopping ? before.job : newJob;
            if (before.state == to && before.job.equals(toJob) && succeeded + failed == 0) {
                return;
            }
            current = before.with(to, toJob, succeeded, failed);
            if (before.state == to && before.job.equals(toJob)) {
                return; // only a counter moved: nothing to announce
            }
        }
        listener.changed(before.state, state, newJob);
    }

    /** State, job and counters at one moment. */
    public Activity activity() {
        return current;
    }

    public WorkerState state() {
        return current.state;
    }

    /** The current job id, or {@code ""}. */
    public String job() {
        return current.job;
    }

    public long processedCount() {
        return current.processed;
    }

    public long failedCount() {
        return current.failed;
    }

    /** A state with its job and the job counters, replaced as one so that readers see one moment. */
    public static final class Activity {
        private final WorkerState state;
        private final String job;
        private final long processed;
        private final long failed;

        private Activity(WorkerState state, String job, long processed, long failed) {
            this.state = state;
            this.job = job;
            this.processed = processed;
            this.failed = failed;
        }

        private Activity with(WorkerState newState, String newJob, int succeeded, int failedNow) {
            return new Activity(newState, newJob, processed + succeeded, failed + failedNow);
        }

        public WorkerState state() {
            return state;
        }

        /** The job id while {@code busy} (or {@code stopping} during a job), else {@code ""}. */
        public String job() {
            return job;
        }

        /** Jobs reported done since the agent started. */
        public long processed() {
            return processed;
        }

        /** Jobs reported failed since the agent started. */
        public long failed() {
            return failed;
        }
    }
}
