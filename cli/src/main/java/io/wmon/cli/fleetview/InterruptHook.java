package io.wmon.cli.fleetview;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns Ctrl-C into a clean stop of a {@code --continuous} loop, for as long as the hook is open.
 *
 * <p>SIGINT requests the stop, so the loop ends its cycle, the command closes its Redis connection
 * and returns, and {@code wmon} exits 0. Where SIGINT cannot be handled (the JVM runs with
 * {@code -Xrs}, or the signal was ignored when the process started) and on SIGTERM, a shutdown
 * hook requests the stop and waits briefly for the command to close its connection; the exit code
 * is then the JVM's own. Closing the hook restores the previous SIGINT handler and removes the
 * shutdown hook.
 */
public final class InterruptHook implements AutoCloseable {

    /** How long a shutdown waits for the loop to close its connection. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(3);

    private final Thread shutdownHook;
    private final SignalHandler previous;
    private final CountDownLatch closed = new CountDownLatch(1);

    private InterruptHook(StopSignal stop) {
        this.shutdownHook = new Thread(() -> {
            stop.request();
            awaitClosed();
        }, "wmon-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        this.previous = handleInterrupt(stop);
    }

    /** Requests {@code stop} on Ctrl-C or shutdown until closed. */
    public static InterruptHook install(StopSignal stop) {
        return new InterruptHook(stop);
    }

    private static SignalHandler handleInterrupt(StopSignal stop) {
        try {
            return Signal.handle(new Signal("INT"), signal -> stop.request());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // Reserved by the VM or ignored by the parent: fall back to the shutdown hook.
            return null;
        }
    }

    private void awaitClosed() {
        try {
            closed.await(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        if (previous != null) {
            try {
                Signal.handle(new Signal("INT"), previous);
            } catch (IllegalArgumentException e) {
                // Nothing to restore to; the process is ending anyway.
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it returns as soon as it sees 'closed'.
        }
    }
}
