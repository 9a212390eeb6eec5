package io.wmon.cli.fleetview;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A one-way "stop now" flag that a waiting loop wakes up on at once; set by Ctrl-C, a shutdown,
 * or a test. Waking through a latch rather than {@code Thread.interrupt()} never breaks a Redis
 * read that is in progress.
 */
public final class StopSignal {

    private final CountDownLatch requested = new CountDownLatch(1);

    /** Asks the loop to stop; idempotent, callable from any thread, including a signal handler. */
    public void request() {
        requested.countDown();
    }

    public boolean isRequested() {
        return requested.getCount() == 0;
    }

    /**
     * Waits up to {@code timeout} for a stop request.
     *
     * @return whether stop was requested
     */
    public boolean await(Duration timeout) {
        try {
            return requested.await(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request();
            return true;
        }
    }
}
