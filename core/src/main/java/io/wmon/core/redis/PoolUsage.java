package io.wmon.core.redis;

/**
 * The few pool numbers a heartbeat publishes: connections in use, idle, waiters, the bound and
 * the exhaustion count. Part of {@link PoolStats}, and cheaper to read alone: the full statistics
 * also average the borrow wait times. Taken without touching Redis.
 */
public final class PoolUsage {

    private final int active;
    private final int idle;
    private final int waiters;
    private final int maxTotal;
    private final long exhaustedCount;

    PoolUsage(int active, int idle, int waiters, int maxTotal, long exhaustedCount) {
        this.active = active;
        this.idle = idle;
        this.waiters = waiters;
        this.maxTotal = maxTotal;
        this.exhaustedCount = exhaustedCount;
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

    public int maxTotal() {
        return maxTotal;
    }

    /** Borrows that gave up because the pool stayed exhausted for {@code maxWait}, since start. */
    public long exhaustedCount() {
        return exhaustedCount;
    }

    /** Both pools' numbers added up: a Cluster's nodes; exhaustion is this one's. */
    PoolUsage plus(PoolUsage other) {
        return new PoolUsage(active + other.active, idle + other.idle, waiters + other.waiters,
                maxTotal + other.maxTotal, exhaustedCount);
    }

    PoolUsage withExhausted(long exhausted) {
        return new PoolUsage(active, idle, waiters, maxTotal, exhausted);
    }
}
