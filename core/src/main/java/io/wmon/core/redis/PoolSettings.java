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
            Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(1));

    private final int maxTotal;
    private final int maxIdle;
    private final Duration maxWait;
    private final Duration connectTimeout;
    private final Duration socketTimeout;
    private final Duration evictionInterval;
    private final Duration minEvictableIdle;
    private final Duration breakerDelay;

    private PoolSettings(int maxTotal, int maxIdle, Duration maxWait, Duration connectTimeout,
            Duration socketTimeout, Duration evictionInterval, Duration minEvictableIdle, Duration breakerDelay) {
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
        this.breakerDelay = positive(breakerDelay, "breakerDelay");
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
                breakerDelay);
    }

    public PoolSettings withMaxWait(Duration d) {
        return new PoolSettings(maxTotal, maxIdle, d, connectTimeout, socketTimeout, evictionInterval,
                minEvictableIdle, breakerDelay);
    }

    /** A copy with both the connect and the socket (read) timeout set to {@code d}. */
    public PoolSettings withTimeouts(Duration d) {
        return new PoolSettings(maxTotal, maxIdle, maxWait, d, d, evictionInterval, minEvictableIdle, breakerDelay);
    }

    /** A copy that evicts connections idle for {@code idle}, checking every {@code interval}. */
    public PoolSettings withEviction(Duration interval, Duration idle) {
        return new PoolSettings(maxTotal, maxIdle, maxWait, connectTimeout, socketTimeout, interval, idle,
                breakerDelay);
    }

    /**
     * A copy whose circuit breaker stays open {@code d} after it first opens (doubling per failed
     * trial, see {@link RedisBreaker}); callers pass their own period (the heartbeat interval, the
     * refresh interval), so a breaker never holds back a caller that calls once per period.
     */
    public PoolSettings withBreakerDelay(Duration d) {
        return new PoolSettings(maxTotal, maxIdle, maxWait, connectTimeout, socketTimeout, evictionInterval,
                minEvictableIdle, d);
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

    /** How long the circuit breaker stays open the first time, 1 s by default. */
    public Duration breakerDelay() {
        return breakerDelay;
    }

    @Override
    public String toString() {
        return "maxTotal=" + maxTotal + ", maxIdle=" + maxIdle + ", maxWait=" + maxWait.toMillis() + "ms, timeouts="
                + connectTimeout.toMillis() + "/" + socketTimeout.toMillis() + "ms, breakerDelay="
                + breakerDelay.toMillis() + "ms";
    }
}
