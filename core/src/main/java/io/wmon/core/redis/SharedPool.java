package io.wmon.core.redis;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.commons.pool2.impl.GenericObjectPool;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A lease on the JVM's one shared pool for an endpoint; obtained from {@link SharedPoolRegistry}.
 *
 * <p>Work goes through {@link #call}: it borrows a connection only for the duration of the
 * function, and turns connection failures, timeouts, pool exhaustion and the server's refusals
 * (credentials, {@code maxclients}, no such database, an ACL's {@code NOPERM}, a server that is not
 * Redis) into {@link RedisUnavailableException}, classified by its {@code reason()}. After a connection failure the pool's idle connections are
 * cleared, so that after Redis restarts the next call opens a fresh connection instead of failing
 * on stale ones; the pool object itself is never recreated. Closing the lease is idempotent.
 */
public final class SharedPool implements AutoCloseable {

    private final PoolEntry entry;
    private final AtomicBoolean closed = new AtomicBoolean();

    SharedPool(PoolEntry entry) {
        this.entry = entry;
    }

    public RedisEndpoint endpoint() {
        return entry.endpoint();
    }

    /** The name every pooled connection carries in {@code CLIENT LIST}. */
    public String clientName() {
        return entry.clientName();
    }

    public PoolSettings settings() {
        return entry.settings();
    }

    /**
     * Runs {@code work} against the shared client, through the endpoint's circuit breaker, and
     * returns its result.
     *
     * <p>A pooled connection that the server closed while it sat idle (Redis's {@code timeout},
     * {@code CLIENT KILL}, a restart) fails on first use; then the idle connections are dropped and
     * {@code work} runs once more on a fresh connection, so such a close costs no failed call. A
     * failure on a fresh connection, or a timeout, is not retried. {@code work} must therefore be
     * safe to run twice (wmon's writes and reads are: they set, renew and read).
     *
     * @throws BreakerOpenException when the breaker is open; no connection was attempted
     * @throws RedisUnavailableException when Redis cannot be reached or used: refused, timed out, no
     *     connection freed up within maxWait, credentials or ACL refused, {@code maxclients} reached
     */
    public <T> T call(Function<RedisClient, T> work) {
        ensureOpen();
        return entry.breaker().call(() -> attempt(work));
    }

    private <T> T attempt(Function<RedisClient, T> work) {
        GenericObjectPool<?> pool = entry.client().getPool();
        // With an idle connection in the pool the borrow takes it rather than opening one.
        boolean idleConnectionFirst = pool.getNumIdle() > 0;
        try {
            return work.apply(entry.client());
        } catch (JedisException e) {
            if (idleConnectionFirst && RedisFailures.isClosedByServer(e)
                    && entry.breaker().state() == RedisBreaker.State.CLOSED) {
                // No clear(): the pool has already put a fresh connection in place of the broken one.
                try {
                    return work.apply(entry.client());
                } catch (JedisException again) {
                    throw translate(again);
                }
            }
            throw translate(e);
        }
    }

    /**
     * Why the pool's connections carry no name, one line naming the server's reply and the
     * permission to grant; {@code null} while the server accepts {@code CLIENT SETNAME} (or before the
     * first connection). The agent has logged it once already; the CLI shows it as a warning.
     */
    public String namingRefusal() {
        return entry.namingRefusal();
    }

    /**
     * The local and remote ends of every connection the pool holds open right now (borrowed or idle,
     * and the {@link #openDedicated dedicated} one),
     * from the sockets themselves; never touches Redis. The agent's socket census counts these as its
     * own.
     */
    public List<SocketEnds> openSockets() {
        return entry.openSockets();
    }

    /**
     * Whether the server refused {@code CLIENT SETINFO} (Redis before 7.2 has no such command, or an ACL
     * forbids it), so that the pool's connections carry no {@code lib-name wmon}; false before the
     * first connection. Said nowhere else: it costs nothing but the label.
     */
    public boolean clientInfoRefused() {
        return entry.setInfoRefused();
    }

    /** The endpoint's circuit breaker, shared by every lease on this pool. */
    public RedisBreaker breaker() {
        return entry.breaker();
    }

    /** {@link #call} without a result. */
    public void run(Consumer<RedisClient> work) {
        call(client -> {
            work.accept(client);
            return null;
        });
    }

    /**
     * A connection of its own to this pool's endpoint, named {@code name}, outside the pool's bound:
     * for blocking reads only; the caller closes it before this lease.
     */
    public DedicatedConnection openDedicated(String name) {
        ensureOpen();
        return new DedicatedConnection(entry, name);
    }

    /** The pool's counters right now; never touches Redis. */
    public PoolStats stats() {
        GenericObjectPool<?> pool = entry.client().getPool();
        return new PoolStats(usage(), pool.getMaxIdle(), pool.getMinIdle(), pool.getCreatedCount(),
                pool.getDestroyedCount(), pool.getBorrowedCount(), pool.getReturnedCount(),
                pool.getMeanBorrowWaitTimeMillis(), pool.getMaxBorrowWaitDuration().toMillis());
    }

    /** The numbers a heartbeat publishes, right now; cheaper than {@link #stats()}, never touches Redis. */
    public PoolUsage usage() {
        GenericObjectPool<?> pool = entry.client().getPool();
        int idle = pool.getNumIdle();
        return new PoolUsage(pool.getNumActive(), idle, pool.getNumWaiters(), pool.getMaxTotal(),
                entry.exhaustedCount());
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Releases this lease; the pool closes when its last lease is released. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            entry.release();
        }
    }

    private RuntimeException translate(JedisException e) {
        RedisUnavailableException unavailable = RedisFailures.unavailable(entry.endpoint(), e);
        if (unavailable == null) {
            return e;
        }
        if (RedisFailures.isPoolExhausted(e)) {
            entry.countExhausted();
        } else if (e instanceof JedisConnectionException) {
            // The idle connections were opened before the failure and are most likely dead too.
            entry.client().getPool().clear();
        }
        return unavailable;
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this lease on the shared pool for " + entry.endpoint() + " is closed");
        }
    }

    @Override
    public String toString() {
        return "SharedPool[" + entry.clientName() + " @ " + entry.endpoint() + ", " + stats() + "]";
    }
}
