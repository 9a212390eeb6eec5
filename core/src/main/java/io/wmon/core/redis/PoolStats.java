package io.wmon.core.redis;

/**
 * A point-in-time reading of a shared pool's counters, taken without touching Redis.
 *
 * <p>Counts are connections; wait times are milliseconds; totals are since the pool was created.
 */
public final class PoolStats {

    private final PoolUsage usage;
    private final int maxIdle;
    private final int minIdle;
    private final long created;
    private final long destroyed;
    private final long borrowed;
    private final long returned;
    private final long meanBorrowWaitMillis;
    private final long maxBorrowWaitMillis;

    PoolStats(PoolUsage usage, int maxIdle, int minIdle, long created, long destroyed, long borrowed,
            long returned, long meanBorrowWaitMillis, long maxBorrowWaitMillis) {
        this.usage = usage;
        this.maxIdle = maxIdle;
        this.minIdle = minIdle;
        this.created = created;
        this.destroyed = destroyed;
        this.borrowed = borrowed;
        this.returned = returned;
        this.meanBorrowWaitMillis = meanBorrowWaitMillis;
        this.maxBorrowWaitMillis = maxBorrowWaitMillis;
    }

    /** The counters a heartbeat publishes, read at the same moment as the rest. */
    public PoolUsage usage() {
        return usage;
    }

    public int maxTotal() {
        return usage.maxTotal();
    }

    public int maxIdle() {
        return maxIdle;
    }

    public int minIdle() {
        return minIdle;
    }

    /** Connections borrowed right now. */
    public int active() {
        return usage.active();
    }

    /** Open connections waiting in the pool. */
    public int idle() {
        return usage.idle();
    }

    /** Threads blocked waiting for a connection. */
    public int waiters() {
        return usage.waiters();
    }

    public long createdCount() {
        return created;
    }

    public long destroyedCount() {
        return destroyed;
    }

    public long borrowedCount() {
        return borrowed;
    }

    public long returnedCount() {
        return returned;
    }

    public long meanBorrowWaitMillis() {
        return meanBorrowWaitMillis;
    }

    public long maxBorrowWaitMillis() {
        return maxBorrowWaitMillis;
    }

    /** Borrows that gave up because every connection was in use for longer than {@code maxWait}. */
    public long exhaustedCount() {
        return usage.exhaustedCount();
    }

    /** A pool that has opened no node pool yet (Sentinel and Cluster before first use): zeros and its bound. */
    static PoolStats unopened(PoolSettings settings, long exhausted) {
        return new PoolStats(new PoolUsage(0, 0, 0, settings.maxTotal(), exhausted), settings.maxIdle(),
                settings.minIdle(), 0, 0, 0, 0, 0, 0);
    }

    /**
     * Two node pools' counters added up; bounds and counts add, the mean wait is the larger of the two
     * means (a weighted mean would need each pool's wait count, which commons-pool does not give).
     */
    PoolStats plus(PoolStats other) {
        return new PoolStats(usage.plus(other.usage), maxIdle + other.maxIdle, minIdle + other.minIdle,
                created + other.created, destroyed + other.destroyed, borrowed + other.borrowed,
                returned + other.returned, Math.max(meanBorrowWaitMillis, other.meanBorrowWaitMillis),
                Math.max(maxBorrowWaitMillis, other.maxBorrowWaitMillis));
    }

    PoolStats withExhausted(long exhausted) {
        return new PoolStats(usage.withExhausted(exhausted), maxIdle, minIdle, created, destroyed, borrowed,
                returned, meanBorrowWaitMillis, maxBorrowWaitMillis);
    }

    @Override
    public String toString() {
        return "active=" + active() + " idle=" + idle() + " waiters=" + waiters() + " max=" + maxTotal()
                + " created=" + created + " destroyed=" + destroyed + " exhausted=" + exhaustedCount();
    }
}
