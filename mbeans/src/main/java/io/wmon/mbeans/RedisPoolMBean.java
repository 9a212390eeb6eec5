package io.wmon.mbeans;

import io.wmon.core.redis.PoolStats;
import io.wmon.core.redis.SharedPool;
import java.util.Objects;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;

/**
 * The {@link RedisPoolMXBean} of one shared pool, reading {@link SharedPool#stats()}, which is
 * in memory: no getter borrows a connection or touches Redis, even while Redis is down. One
 * {@code getAttributes} call reads one {@code stats()}, so its counters agree with each other.
 *
 * <p>{@link #poolExhausted} emits {@value NotificationTypes#POOL_EXHAUSTED}, a plain notification
 * whose user data is {@link #EXHAUSTED_TYPE}. Register it under {@link ObjectNames#redisPool(String)};
 * unregister it before closing the lease, since the counters of a closed pool are meaningless.
 */
public final class RedisPoolMBean extends NotifyingMBean<PoolStats> implements RedisPoolMXBean {

    private static final String[] EXHAUSTED_ITEMS = {"endpoint", "clientName", "maxTotal", "exhaustedCount"};

    /** User data of {@value NotificationTypes#POOL_EXHAUSTED}: redacted endpoint, connection name, pool bound, exhaustions so far. */
    public static final CompositeType EXHAUSTED_TYPE = compositeType("io.wmon.PoolExhausted",
            "the shared pool ran out of connections", EXHAUSTED_ITEMS,
            new String[] {"endpoint URL, password replaced by ****", "the pool's connection name (CLIENT SETNAME)",
                "most connections the pool opens at once", "borrows that gave up since the pool was created"},
            new OpenType<?>[] {SimpleType.STRING, SimpleType.STRING, SimpleType.INTEGER, SimpleType.LONG});

    private final SharedPool pool;
    /** {@code host:port} of the one node this bean reads; {@code null} for the pool's total. */
    private final String node;

    /** @param pool a lease on the shared pool; this bean reads it but never closes it */
    public RedisPoolMBean(SharedPool pool) {
        this(pool, null);
    }

    /**
     * The bean of one node's pool of a Sentinel or Cluster endpoint, registered under
     * {@link ObjectNames#redisPoolNode}; its {@code Endpoint} is the node's address, its {@code ExhaustedCount}
     * 0 (exhaustion is counted, and notified, by the total's bean).
     *
     * @param node {@code host:port}, as {@link SharedPool#nodeStats()} keys it
     */
    public RedisPoolMBean(SharedPool pool, String node) {
        super(RedisPoolMXBean.class, NotificationTypes.POOL_EXHAUSTED);
        this.pool = Objects.requireNonNull(pool, "pool");
        this.node = node;
    }

    /**
     * Emits {@value NotificationTypes#POOL_EXHAUSTED}; the agent calls it when it sees the
     * exhaustion counter grow.
     *
     * @param exhaustedCount the pool's {@code ExhaustedCount} that triggered the notification
     */
    public void poolExhausted(long exhaustedCount) {
        String endpoint = pool.endpoint().redacted();
        int maxTotal = pool.stats().maxTotal();
        String message = "Redis pool " + pool.clientName() + " @ " + endpoint + " exhausted: all " + maxTotal
                + " connections in use (" + exhaustedCount + " times so far)";
        emit(NotificationTypes.POOL_EXHAUSTED, message, compositeData(EXHAUSTED_TYPE, EXHAUSTED_ITEMS,
                new Object[] {endpoint, pool.clientName(), maxTotal, exhaustedCount}));
    }

    @Override
    PoolStats capture() {
        return node == null ? pool.stats() : pool.nodeStats(node);
    }

    @Override
    public String getEndpoint() {
        return node == null ? pool.endpoint().redacted() : (pool.endpoint().tls() ? "rediss://" : "redis://") + node;
    }

    @Override
    public String getName() {
        return pool.clientName();
    }

    @Override
    public int getMaxTotal() {
        return snapshot().maxTotal();
    }

    @Override
    public int getMaxIdle() {
        return snapshot().maxIdle();
    }

    @Override
    public int getMinIdle() {
        return snapshot().minIdle();
    }

    @Override
    public int getActive() {
        return snapshot().active();
    }

    @Override
    public int getIdle() {
        return snapshot().idle();
    }

    @Override
    public int getWaiters() {
        return snapshot().waiters();
    }

    @Override
    public long getCreatedCount() {
        return snapshot().createdCount();
    }

    @Override
    public long getDestroyedCount() {
        return snapshot().destroyedCount();
    }

    @Override
    public long getBorrowedCount() {
        return snapshot().borrowedCount();
    }

    @Override
    public long getReturnedCount() {
        return snapshot().returnedCount();
    }

    @Override
    public long getMeanBorrowWaitMillis() {
        return snapshot().meanBorrowWaitMillis();
    }

    @Override
    public long getMaxBorrowWaitMillis() {
        return snapshot().maxBorrowWaitMillis();
    }

    @Override
    public long getExhaustedCount() {
        return snapshot().exhaustedCount();
    }
}
