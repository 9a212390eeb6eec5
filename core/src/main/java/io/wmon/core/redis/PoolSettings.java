package io.wmon.core.redis;

import java.time.Duration;

/**
 * The bounds of a shared pool and the timeouts of its connections.
 *
 * <p>Defaults follow the connection budget of the design: at most 4 connections, none kept
 * open when idle for a minute, a borrow that waits at most 1 s (so a saturated pool fails
 * fast instead of queueing the host application), and 2 s connect and socket timeouts.
 * Immutable; the {@code with…} methods return copies.
 */
public final class PoolSettings {

    /** Connections a pool may hold at once unless configured otherwise. */
    public static final int DEFAULT_MAX_TOTAL = 4;
    /** Upper limit on {@code maxTotal}: a monitor that needs more connections than this is misconfigured. */
    public static final int MAX_MAX_TOTAL = 64;

    private static final PoolSettings DEFAULTS = new PoolSettings(DEFAULT_MAX_TOTAL, DEFAULT_MAX_TOTAL,
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2),
            Duration.ofSeconds(30), Duration.ofSeconds(60), BreakerDelays.DEFAULT);

    private final int maxTotal;
    private final int maxIdle;
    private final Duration maxWait;
    private final Duration connectTimeout;
    private final Duration socketTimeout;
    private final Duration evictionInterval;
    private final Duration minEvictableIdle;
    private final BreakerDelays breakerDelays;

    private PoolSettings(int maxTotal, int maxIdle, Duration maxWait, Duration connectTimeout,
            Duration socketTimeout, Duration evictionInterval, Duration minEvictableIdle, BreakerDelays breakerDelays) {
        if (maxTotal < 1 || maxTotal > MAX_MAX_TOTAL) {
            throw new IllegalArgumentException("maxTotal must be 1.." + MAX_MAX_TOTAL + ", was " + maxTotal);
        }
        if (maxIdle < 0 || maxIdle > maxTotal) {
            throw new IllegalArgumentException("maxIdle must be 0..maxTotal (" + maxTotal + "), was " + maxIdle);
        }
        this.maxTotal = maxTotal;
        this.maxIdle = maxIdle;
        this.maxWait = positive(maxWait, "maxWait");
        this.connectTimeout = positive(connectTimeout, "connectTimeout");
        this.socketTimeout = positive(socketTimeout, "socketTimeout");
        this.evictionInterval = positive(evictionInterval, "evictionInterval");
        this.minEvictableIdle = positive(minEvictableIdle, "minEvictableIdle");
        if (breakerDelays == null) {
            throw new IllegalArgumentException("breakerDelays must be set");
        }
        this.breakerDelays = breakerDelays;
    }

    private static Duration positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + d);
        }
        return d;
    }

    public static PoolSettings defaults() {
        return DEFAULTS;
    }

    /** A copy bounded to {@code n} connections; {@code maxIdle} follows so that it never exceeds it. */
    public PoolSettings withMaxTotal(int n) {
        return new PoolSettings(n, n, maxWait, connectTimeout, socketTimeout, evictionInterval, minEvictableIdle,
                breakerDelays);
    }

    public PoolSettings withMaxWait(Duration d) {
        return new PoolSettings(maxTotal, maxIdle, d, connectTimeout, socketTimeout, evictionInterval,
                minEvictableIdle, breakerDelays);
    }

    /** A copy with both the connect and the socket (read) timeout set to {@code d}. */
    public PoolSettings withTimeouts(Duration d) {
        return new PoolSettings(maxTotal, maxIdle, maxWait, d, d, evictionInterval, minEvictableIdle, breakerDelays);
    }

    /** A copy that evicts connections idle for {@code idle}, checking every {@code interval}. */
    public PoolSettings withEviction(Duration interval, Duration idle) {
        return new PoolSettings(maxTotal, maxIdle, maxWait, connectTimeout, socketTimeout, interval, idle,
                breakerDelays);
    }

    /** A copy whose circuit breaker stays open as {@code delays} say (see {@link RedisBreaker}). */
    public PoolSettings withBreakerDelays(BreakerDelays delays) {
        return new PoolSettings(maxTotal, maxIdle, maxWait, connectTimeout, socketTimeout, evictionInterval,
                minEvictableIdle, delays);
    }

    public int maxTotal() {
        return maxTotal;
    }

    public int maxIdle() {
        return maxIdle;
    }

    /** Always 0: an idle monitor holds no connection. */
    public int minIdle() {
        return 0;
    }

    public Duration maxWait() {
        return maxWait;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration socketTimeout() {
        return socketTimeout;
    }

    public Duration evictionInterval() {
        return evictionInterval;
    }

    public Duration minEvictableIdle() {
        return minEvictableIdle;
    }

    /** How long the circuit breaker stays open; 1 s doubling to 60 s by default. */
    public BreakerDelays breakerDelays() {
        return breakerDelays;
    }

    @Override
    public String toString() {
        return "maxTotal=" + maxTotal + ", maxIdle=" + maxIdle + ", maxWait=" + maxWait.toMillis() + "ms, timeouts="
                + connectTimeout.toMillis() + "/" + socketTimeout.toMillis() + "ms, breaker "
                + breakerDelays;
    }
}
