package io.wmon.example;

import io.wmon.api.WorkerStatus;
import java.time.Duration;

/** Runs fake jobs and reports each one through {@link WorkerStatus}, as a real worker would. */
final class FakeJobs {

    private final Duration jobDuration;
    private final AppRedis appRedis;
    private long processed;
    private long failed;

    /** Jobs that take {@code jobDuration}; {@code appRedis} (may be null) is pinged once per job. */
    FakeJobs(Duration jobDuration, AppRedis appRedis) {
        this.jobDuration = jobDuration;
        this.appRedis = appRedis;
    }

    /** Runs the job {@code jobId}; it ends as a failure when {@code fail} or when the app's Redis fails. */
    void run(String jobId, boolean fail) throws InterruptedException {
        run(jobId, jobDuration, fail);
    }

    /** Runs the job {@code jobId} for {@code duration}. */
    void run(String jobId, Duration duration, boolean fail) throws InterruptedException {
        WorkerStatus.busy(jobId);
        Thread.sleep(duration.toMillis());
        boolean ok = !fail;
        if (appRedis != null) {
            try {
                appRedis.ping();
            } catch (RuntimeException e) {
                System.out.println("job " + jobId + " redis error: " + e);
                ok = false;
            }
        }
        if (ok) {
            processed++;
            WorkerStatus.jobSucceeded();
        } else {
            failed++;
            WorkerStatus.jobFailed();
        }
        System.out.println("job " + jobId + (ok ? " succeeded" : " failed"));
    }

    /** Reports the worker idle for {@code pause}, as between two jobs. */
    void idle(Duration pause) throws InterruptedException {
        WorkerStatus.idle();
        Thread.sleep(pause.toMillis());
    }

    long processed() {
        return processed;
    }

    long failed() {
        return failed;
    }
}
