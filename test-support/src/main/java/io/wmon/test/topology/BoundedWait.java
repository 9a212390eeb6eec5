package io.wmon.test.topology;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Polls a condition until it holds or a deadline passes, then fails with the last reason it did not
 * hold: a deployment waits on what the servers report, never for a fixed time.
 */
final class BoundedWait {

    /** Pause between two checks, in milliseconds: short against the ~100 ms rhythm of gossip and sentinel pings. */
    private static final long POLL_MILLIS = 20;

    private BoundedWait() {
    }

    /**
     * Calls {@code problem} until it returns null (the condition holds); a check that throws counts as
     * not holding yet, its message as the reason.
     *
     * @param what    what is being waited for, for the failure message ("Redis Cluster of 3 nodes ready")
     * @param timeout the longest wait
     * @param problem null when the condition holds, else why it does not
     * @param detail  more to quote on failure (server logs); called only then
     * @throws IllegalStateException when the condition did not hold within {@code timeout}
     */
    static void until(String what, Duration timeout, Supplier<String> problem, Supplier<String> detail) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last;
        while (true) {
            try {
                last = problem.get();
            } catch (RuntimeException e) {
                last = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            if (last == null) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("not " + what + " within " + timeout.toMillis() + " ms: " + last
                        + "\n" + detail.get());
            }
            sleep();
        }
    }

    /** Sleeps one poll interval; keeps the interrupt flag and stops the wait when interrupted. */
    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
