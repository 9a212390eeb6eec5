package io.wmon.core.redis;

import java.time.Duration;

/**
 * How long a {@link RedisBreaker} stays open: {@link #first()} after it opens, doubled after each
 * failed trial, never more than {@link #max()}. Immutable.
 *
 * <p>Callers start from their own period (the agent its heartbeat interval, {@code status
 * --continuous} its refresh interval), so a breaker never holds back a caller that calls once per
 * period until Redis has failed it a few times.
 */
public final class BreakerDelays {

    /** 1 s doubling to 60 s: for callers without a period of their own. */
    public static final BreakerDelays DEFAULT = of(Duration.ofSeconds(1), Duration.ofSeconds(60));

    private final Duration first;
    private final Duration max;

    private BreakerDelays(Duration first, Duration max) {
        this.first = first;
        this.max = max;
    }

    /**
     * Delays starting at {@code first} and capped at {@code max}; a {@code max} below {@code first}
     * is raised to it.
     *
     * @throws IllegalArgumentException when a duration is null, not positive or over 24 days
     */
    public static BreakerDelays of(Duration first, Duration max) {
        check(first, "first");
        check(max, "max");
        return new BreakerDelays(first, max.compareTo(first) < 0 ? first : max);
    }

    private static void check(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("breaker delay " + name + " must be a positive duration, was " + d);
        }
    }

    public Duration first() {
        return first;
    }

    public Duration max() {
        return max;
    }

    /** The delay after the {@code opensInARow}-th opening without a close in between (0 for the first). */
    Duration after(int opensInARow) {
        Duration delay = first;
        for (int i = 0; i < opensInARow && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    @Override
    public String toString() {
        return first.toMillis() + "ms doubling to " + max.toMillis() + "ms";
    }
}
