package io.wmon.mbeans;

/**
 * The JVM's shared, bounded Redis pool for one endpoint: {@code io.wmon:type=RedisPool,name=<pool>}.
 *
 * <p>Every getter returns a point-in-time value read from the pool's in-memory counters; none
 * touches Redis or blocks. Counts are connections or borrows; totals are since the pool was created.
 */
public interface RedisPoolMXBean {

    /** The endpoint URL with the password replaced by {@code ****}; a point-in-time value from memory. */
    String getEndpoint();

    /** The most connections the pool opens at once, a count; a point-in-time value from memory. */
    int getMaxTotal();

    /** The most idle connections the pool keeps, a count; a point-in-time value from memory. */
    int getMaxIdle();

    /** The idle connections the pool keeps open at least (0: an idle monitor holds none), a count; a point-in-time value from memory. */
    int getMinIdle();

    /** Connections borrowed right now, a count; a point-in-time value from memory. */
    int getActive();

    /** Open connections waiting in the pool, a count; a point-in-time value from memory. */
    int getIdle();

    /** Threads blocked waiting for a connection, a count; a point-in-time value from memory. */
    int getWaiters();

    /** Connections opened since the pool was created, a count; a point-in-time value from memory. */
    long getCreatedCount();

    /** Connections closed since the pool was created, a count; a point-in-time value from memory. */
    long getDestroyedCount();

    /** Successful borrows since the pool was created, a count; a point-in-time value from memory. */
    long getBorrowedCount();

    /** Returns to the pool since it was created, a count; a point-in-time value from memory. */
    long getReturnedCount();

    /** Mean wait of the recent borrows, milliseconds; a point-in-time value from memory. */
    long getMeanBorrowWaitMillis();

    /** Longest wait of any borrow so far, milliseconds; a point-in-time value from memory. */
    long getMaxBorrowWaitMillis();

    /** Borrows that gave up because every connection stayed in use longer than maxWait, a count; a point-in-time value from memory. */
    long getExhaustedCount();
}
