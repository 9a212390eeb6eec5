package io.wmon.cli.fleetview;

import io.wmon.core.fleet.FleetSnapshot;
import io.wmon.core.redis.RedisUnavailableException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The {@code status --continuous} loop: read, show, wait, until stopped or a cycle limit.
 *
 * <p>Every cycle reads through the same source, and so the same Redis connection; a cycle whose
 * read fails with {@link RedisUnavailableException} is shown as an outage and the next cycle
 * simply tries again, so the loop recovers by itself when Redis comes back (or lets the user in
 * again: credentials, {@code maxclients}, an ACL); only a database the server does not have ends
 * the loop, since no retry fixes the URL. Cycles start at a
 * fixed rate; a slow cycle delays the next one instead of making cycles pile up. When a read
 * finds no worker at all, the display gets the loop's {@linkplain #explainEmpty hint}, once per
 * stretch of empty reads.
 */
public final class RefreshLoop {

    private final Supplier<FleetSnapshot> source;
    private final StatusDisplay display;
    private final Duration interval;
    private final long maxCycles;
    private final StopSignal stop;
    private Supplier<String> emptyHint;
    private boolean hinted;
    private long cycles;
    private long outages;

    /**
     * @param source reads one snapshot; throws {@link RedisUnavailableException} when Redis cannot be reached
     * @param maxCycles stop after this many cycles; 0 runs until {@code stop} is requested
     */
    public RefreshLoop(Supplier<FleetSnapshot> source, StatusDisplay display, Duration interval, long maxCycles,
            StopSignal stop) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
        this.source = source;
        this.display = display;
        this.interval = interval;
        this.maxCycles = maxCycles;
        this.stop = stop;
    }

    /**
     * Explains an empty read with {@code hint} (it may talk to Redis: it runs in the cycle, and an
     * outage while it runs is shown like any other); returns this loop.
     */
    public RefreshLoop explainEmpty(Supplier<String> hint) {
        this.emptyHint = hint;
        return this;
    }

    /** Runs until stopped or {@code maxCycles} cycles are done. Other failures than an outage propagate. */
    public void run() {
        long next = System.nanoTime();
        while (!stop.isRequested() && (maxCycles <= 0 || cycles < maxCycles)) {
            try {
                FleetSnapshot snapshot = source.get();
                boolean empty = snapshot.workerCount() == 0;
                if (empty && !hinted && emptyHint != null) {
                    display.showHint(emptyHint.get());
                }
                hinted = empty;
                display.show(snapshot);
            } catch (RedisUnavailableException e) {
                if (e.reason() == RedisUnavailableException.Reason.NO_SUCH_DATABASE) {
                    throw e; // the URL is wrong, and no retry will make it right: the command exits 2
                }
                outages++;
                display.showOutage(e.getMessage(), System.currentTimeMillis());
            }
            cycles++;
            if (maxCycles > 0 && cycles >= maxCycles) {
                break;
            }
            long now = System.nanoTime();
            next = Math.max(next + interval.toNanos(), now);
            stop.await(Duration.ofNanos(next - now));
        }
    }

    /** Cycles run so far. */
    public long cycles() {
        return cycles;
    }

    /** Cycles whose read failed because Redis could not be reached. */
    public long outages() {
        return outages;
    }
}
