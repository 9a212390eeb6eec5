package io.wmon.core.redis;

/**
 * A point-in-time reading of a shared pool's counters, taken without touching Redis.
 *
 * <p>Counts are connections; wait times are milliseconds; totals are since the pool was created.
 */
public final class PoolStats {

    private final int maxTotal;
    private final int maxIdle;
    private final int minIdle;
    private final int active;
    private final int idle;
    private final int waiters;
    private final long created;
    private final long destroyed;
    private final long borrowed;
    private final long returned;
    private final long meanBorrowWaitMillis;
    private final long maxBorrowWaitMillis;
    private final long exhausted;

    PoolStats(int maxTotal, int maxIdle, int minIdle, int active, int idle, int waiters, long created,
            long destroyed, long borrowed, long returned, long meanBorrowWaitMillis, long maxBorrowWaitMillis,
            long exhausted) {
        this.maxTotal = maxTotal;
        this.maxIdle = maxIdle;
        this.minIdle = minIdle;
        this.active = active;
        this.idle = idle;
        this.waiters = waiters;
        this.created = created;
        this.destroyed = destroyed;
        this.borrowed = borrowed;
        this.returned = returned;
        this.meanBorrowWaitMillis = meanBorrowWaitMillis;
        this.maxBorrowWaitMillis = maxBorrowWaitMillis;
        this.exhausted = exhausted;
    }

    public int maxTotal() {
        return maxTotal;
    }

    public int maxIdle() {
        return maxIdle;
    }

    public int minIdle() {
        return minIdle;
    }

    /** Connections borrowed right now. */
    public int active() {
        return active;
    }

    /** Open connections waiting in the pool. */
    public int idle() {
        return idle;
    }

    /** Threads blocked waiting for a connection. */
    public int waiters() {
        return waiters;
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
        return exhausted;
    }

    @Override
    public String toString() {
        return "active=" + active + " idle=" + idle + " waiters=" + waiters + " max=" + maxTotal
                + " created=" + created + " destroyed=" + destroyed + " exhausted=" + exhausted;
    }
}
