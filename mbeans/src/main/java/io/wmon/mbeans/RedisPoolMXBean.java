package io.wmon.mbeans;

/**
 * The JVM's shared, bounded Redis pool for one endpoint: {@code io.wmon:type=RedisPool,name=<pool>}.
 *
 * <p>Every getter returns a point-in-time value read from the pool's in-memory counters; none
 * touches Redis or blocks. Totals are since the pool was created. The {@link Description} of each
 * getter is what JConsole shows and what {@code docs/mbeans.md} lists.
 */
@Description("The JVM's one shared, bounded Redis pool for an endpoint (wmon agent): its bounds, the connections it"
        + " holds and its borrow counters; read from memory, never from Redis")
public interface RedisPoolMXBean {

    @Description("Endpoint URL, its password redacted (a node bean: the node's address); fixed")
    String getEndpoint();

    @Description("The pool's name, its connections' CLIENT SETNAME: the ObjectName's name key without the quotes"
            + " the ':' it holds make the ObjectName add; fixed")
    String getName();

    @Units(Units.CONNECTIONS)
    @Description("Most connections the pool opens at once (poolMaxTotal=, 4 by default), per node for Sentinel and"
            + " Cluster (the total bean adds the nodes up)")
    int getMaxTotal();

    @Units(Units.CONNECTIONS)
    @Description("Most idle connections the pool keeps; fixed")
    int getMaxIdle();

    @Units(Units.CONNECTIONS)
    @Description("Idle connections the pool keeps open at least (0: an idle worker holds none); fixed")
    int getMinIdle();

    @Units(Units.CONNECTIONS)
    @Description("Connections borrowed right now (a heartbeat holds one for its round trip)")
    int getActive();

    @Units(Units.CONNECTIONS)
    @Description("Open connections waiting in the pool right now; idle ones are closed after 60 s")
    int getIdle();

    @Units(Units.THREADS)
    @Description("Threads blocked waiting for a connection right now")
    int getWaiters();

    @Units(Units.COUNT)
    @Description("Connections opened since the pool was created")
    long getCreatedCount();

    @Units(Units.COUNT)
    @Description("Connections closed since the pool was created (evicted idle, broken, or at shutdown)")
    long getDestroyedCount();

    @Units(Units.COUNT)
    @Description("Successful borrows since the pool was created")
    long getBorrowedCount();

    @Units(Units.COUNT)
    @Description("Returns to the pool since it was created")
    long getReturnedCount();

    @Units(Units.MILLISECONDS)
    @Description("Mean wait of the recent borrows, milliseconds")
    long getMeanBorrowWaitMillis();

    @Units(Units.MILLISECONDS)
    @Description("Longest wait of any borrow since the pool was created, milliseconds")
    long getMaxBorrowWaitMillis();

    @Units(Units.COUNT)
    @Description("Borrows that gave up because every connection stayed in use longer than the pool's max wait (1 s);"
            + " a refused or timed-out connection is not counted here")
    long getExhaustedCount();
}
