package io.wmon.api.spi;

/**
 * What the agent implements to receive {@link io.wmon.api.WorkerStatus} calls. Not for
 * applications: they call {@code WorkerStatus}. Implementations must be fast and must not block.
 */
public interface StatusListener {

    void onBusy(String jobId);

    void onIdle();

    void onJobSucceeded();

    void onJobFailed();

    void onPaused();
}
