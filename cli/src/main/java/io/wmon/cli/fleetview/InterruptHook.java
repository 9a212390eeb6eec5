package io.wmon.cli.fleetview;

import io.wmon.cli.shell.ExitCodes;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns Ctrl-C into a clean stop of a {@code --continuous} loop, for as long as the hook is open.
 *
 * <p>SIGINT requests the stop, so the loop ends its cycle, the command closes its Redis connection
 * and returns, and {@code wmon} exits 0. A cycle may be stuck in a read from a frozen Redis for up
 * to the socket timeout (2 s); so when the loop has not closed {@value #INTERRUPT_GRACE_MILLIS} ms
 * after SIGINT, the process exits 0 anyway (shutdown hooks run; the kernel closes the socket). Where
 * SIGINT cannot be handled (the JVM runs with {@code -Xrs}, or the signal was ignored when the
 * process started) and on SIGTERM, a shutdown hook requests the stop and waits at most
 * {@value #SHUTDOWN_WAIT_MILLIS} ms for the command to close its connection; the exit code is then
 * the JVM's own. A hook made with {@link #onInterruptAndTerm} handles SIGTERM as it handles SIGINT,
 * so that one ends with exit 0 too. Either way {@code wmon} is gone within a second (docs/cli.md has
 * the figures). Closing the hook restores the previous signal handlers and removes the shutdown hook.
 */
public final class InterruptHook implements AutoCloseable {

    /** How long after SIGINT the loop may take to close its connection before the process exits anyway, ms. */
    static final long INTERRUPT_GRACE_MILLIS = 300;
    /** How long a shutdown (SIGTERM, or the exit after the grace) waits for the loop to close its connection, ms. */
    static final long SHUTDOWN_WAIT_MILLIS = 300;

    private final Thread shutdownHook;
    private final SignalHandler previous;
    /** The SIGTERM handler replaced by {@link #onInterruptAndTerm}; null when SIGTERM is left to the JVM. */
    private final SignalHandler previousTerm;
    private final CountDownLatch closed = new CountDownLatch(1);
    // Set when Ctrl-C's grace ran out: the loop is stuck in a read, so the shutdown hook waits no more.
    private volatile boolean givenUp;

    private InterruptHook(StopSignal stop, boolean term) {
        this.shutdownHook = new Thread(() -> {
            stop.request();
            awaitClosed();
        }, "wmon-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        this.previous = handle("INT", stop);
        this.previousTerm = term ? handle("TERM", stop) : null;
    }

    /** Requests {@code stop} on Ctrl-C or shutdown until closed. */
    public static InterruptHook install(StopSignal stop) {
        return new InterruptHook(stop, false);
    }

    /**
     * Requests {@code stop} on Ctrl-C and on SIGTERM alike until closed: both end the command with exit 0
     * (after the same grace), as for a command that runs until it is told to stop ({@code watch}).
     */
    public static InterruptHook onInterruptAndTerm(StopSignal stop) {
        return new InterruptHook(stop, true);
    }

    private SignalHandler handle(String signalName, StopSignal stop) {
        try {
            return Signal.handle(new Signal(signalName), signal -> {
                stop.request();
                exitUnlessClosedWithin(INTERRUPT_GRACE_MILLIS);
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // Reserved by the VM or ignored by the parent: fall back to the shutdown hook.
            return null;
        }
    }

    private void awaitClosed() {
        if (!givenUp) {
            awaitClosed(SHUTDOWN_WAIT_MILLIS);
        }
    }

    private boolean awaitClosed(long millis) {
        try {
            return closed.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Ctrl-C means now: a loop stuck in a read from a frozen Redis must not hold the terminal. */
    private void exitUnlessClosedWithin(long millis) {
        Thread watchdog = new Thread(() -> {
            if (!awaitClosed(millis)) {
                givenUp = true;
                System.exit(ExitCodes.OK);
            }
        }, "wmon-interrupt");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static void restore(String signalName, SignalHandler handler) {
        if (handler != null) {
            try {
                Signal.handle(new Signal(signalName), handler);
            } catch (IllegalArgumentException e) {
                // Nothing to restore to; the process is ending anyway.
            }
        }
    }

    @Override
    public void close() {
        closed.countDown();
        restore("INT", previous);
        restore("TERM", previousTerm);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it returns as soon as it sees 'closed'.
        }
    }
}
