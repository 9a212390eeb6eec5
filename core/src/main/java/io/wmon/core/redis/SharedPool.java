package io.wmon.core.redis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import redis.clients.jedis.Connection;
import redis.clients.jedis.util.Pool;
import redis.clients.jedis.UnifiedJedis;
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
 *
 * <p>The client is Jedis's {@link UnifiedJedis} for every {@link RedisTopology}: one server, the
 * master Sentinel names, or a Cluster's nodes (one pool per node, each with the pool's bound;
 * {@link #stats()} adds them up, {@link #nodeStats()} gives each).
 */
public final class SharedPool implements AutoCloseable {

    /** Jedis's {@code Response.get()} before its pipeline was synced. */
    private static final String UNSYNCED_PIPELINE = "Please close pipeline";

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
     * {@code work} runs once more on a fresh connection, so such a close costs no failed call. On a
     * Cluster, a node that refused or reset the connection, or a {@code MOVED}, makes the client ask for
     * the slot map again and {@code work} runs once more on the node it names now (after a failover, the
     * promoted replica); a timeout renews the map too, in the background for the next call, and is not
     * run again. Any other failure is not retried. {@code work} must therefore be safe to run up to three
     * times (wmon's writes and reads are: they set, renew and read).
     *
     * @throws BreakerOpenException when the breaker is open; no connection was attempted
     * @throws RedisUnavailableException when Redis cannot be reached or used: refused, timed out, no
     *     connection freed up within maxWait, credentials or ACL refused, {@code maxclients} reached
     */
    public <T> T call(Function<UnifiedJedis, T> work) {
        ensureOpen();
        return entry.breaker().call(() -> attempt(work));
    }

    private <T> T attempt(Function<UnifiedJedis, T> work) {
        TopologyClient topology = entry.client();
        // With an idle connection in the pool the borrow takes it rather than opening one.
        boolean idleConnectionFirst = topology.idleCount() > 0;
        JedisException failure;
        try {
            return applyOnce(work, topology);
        } catch (JedisException e) {
            failure = e;
        }
        if (idleConnectionFirst && RedisFailures.isClosedByServer(failure)
                && entry.breaker().state() == RedisBreaker.State.CLOSED) {
            // No clear() before the second run: the pool has already put a fresh connection in place of the broken one.
            try {
                return applyOnce(work, topology);
            } catch (JedisException again) {
                failure = again;
            }
        }
        if (topology.recoverFrom(failure)) {
            try {
                return applyOnce(work, topology);
            } catch (JedisException again) {
                failure = again;
            }
        }
        throw translate(failure);
    }

    /**
     * Runs {@code work} once. A Cluster pipeline whose node connection fails while it reads the replies
     * logs the failure and leaves the replies unset instead of throwing (Jedis's {@code ClusterPipeline}),
     * so the caller's first {@code Response.get()} throws {@link IllegalStateException}; that is a
     * connection failure like any other here.
     */
    private static <T> T applyOnce(Function<UnifiedJedis, T> work, TopologyClient topology) {
        try {
            return work.apply(topology.client());
        } catch (IllegalStateException unsynced) {
            if (topology instanceof ClusterTopologyClient && String.valueOf(unsynced.getMessage())
                    .startsWith(UNSYNCED_PIPELINE)) {
                throw new JedisConnectionException("a node's connection failed during the pipeline");
            }
            throw unsynced;
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
     * The pool's connections open now whose sockets {@link #openSockets()} cannot name: 0 for a
     * standalone server; every pooled one for Sentinel and Cluster, whose pools Jedis opens itself.
     * The socket census subtracts them by count.
     */
    public int untrackedConnections() {
        return entry.client().untrackedConnections();
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

    /**
     * Runs {@code work} on one pooled connection of each node, one node after the other, through the
     * breaker as one call: for commands about a server rather than a key ({@code CLIENT LIST},
     * {@code CONFIG GET}, {@code SCAN}), which a Cluster client cannot route. A standalone server and
     * Sentinel's master are one node; a Cluster's are every node the client knows (masters and replicas).
     * A node that fails gives a {@link NodeReply} with the failure; the call fails only when no node answers.
     *
     * @throws BreakerOpenException when the breaker is open; no connection was attempted
     * @throws RedisUnavailableException when Redis cannot be reached at all, or no node answers
     */
    public <T> List<NodeReply<T>> callEachNode(Function<Connection, T> work) {
        ensureOpen();
        return entry.breaker().call(() -> {
            TopologyClient topology = entry.client();
            try {
                topology.client();
            } catch (JedisException e) {
                throw translate(e);
            }
            List<NodeReply<T>> replies = new ArrayList<>();
            RuntimeException last = null;
            for (Map.Entry<String, ? extends Pool<Connection>> node : topology.nodePools().entrySet()) {
                try (Connection connection = node.getValue().getResource()) {
                    replies.add(new NodeReply<>(node.getKey(), work.apply(connection), null));
                } catch (JedisException e) {
                    last = translate(e);
                    replies.add(new NodeReply<>(node.getKey(), null, last));
                }
            }
            if (last != null && replies.stream().noneMatch(NodeReply::answered)) {
                throw last;
            }
            return replies;
        });
    }

    /** {@link #call} without a result. */
    public void run(Consumer<UnifiedJedis> work) {
        call(client -> {
            work.accept(client);
            return null;
        });
    }

    /**
     * A connection of its own to the node that serves {@code key} (the one server, the current master,
     * the cluster node of the key's slot), named {@code name}, outside the pool's bound: for blocking
     * reads only; the caller closes it before this lease. Each reconnect asks again which node serves the key.
     */
    public DedicatedConnection openDedicated(String name, String key) {
        ensureOpen();
        return new DedicatedConnection(entry, name, key);
    }

    /**
     * The pool's counters right now, added up over the nodes (a Cluster's {@code MaxTotal} is the
     * per-node bound times the nodes known); never touches Redis. Before a Sentinel or Cluster pool
     * has found its nodes the counts are 0 and {@code MaxTotal} the per-node bound.
     */
    public PoolStats stats() {
        Map<String, ? extends Pool<Connection>> pools = entry.client().nodePools();
        if (pools.isEmpty()) {
            return PoolStats.unopened(entry.settings(), entry.exhaustedCount());
        }
        PoolStats total = null;
        for (Pool<Connection> pool : pools.values()) {
            PoolStats node = stats(pool, 0);
            total = total == null ? node : total.plus(node);
        }
        return total.withExhausted(entry.exhaustedCount());
    }

    /**
     * The counters of each node's pool, keyed {@code host:port} (one entry for a standalone server and
     * for Sentinel's current master); empty before a Sentinel or Cluster pool has found its nodes.
     * Exhaustion is counted for the pool as a whole, so these say 0.
     */
    public Map<String, PoolStats> nodeStats() {
        Map<String, ? extends Pool<Connection>> pools = entry.client().nodePools();
        if (pools.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<String, PoolStats> stats = new LinkedHashMap<>();
        for (Map.Entry<String, ? extends Pool<Connection>> e : pools.entrySet()) {
            stats.put(e.getKey(), stats(e.getValue(), 0));
        }
        return stats;
    }

    /**
     * The counters of {@code node}'s pool ({@code host:port}, as {@link #nodeStats()} keys it); zeros
     * and the per-node bound when the pool knows no such node now (a Cluster node removed, Sentinel's old master).
     */
    public PoolStats nodeStats(String node) {
        Pool<Connection> pool = entry.client().nodePools().get(node);
        return pool == null ? PoolStats.unopened(entry.settings(), 0) : stats(pool, 0);
    }

    /** The servers the pool holds connections to now ({@link #nodeStats()}'s keys), as addresses. */
    public List<RedisNode> nodes() {
        List<RedisNode> nodes = new ArrayList<>();
        for (String key : nodeNames()) {
            int colon = key.lastIndexOf(':');
            if (colon > 0) {
                String host = key.substring(0, colon);
                nodes.add(new RedisNode(host.startsWith("[") ? host.substring(1, host.length() - 1) : host,
                        Integer.parseInt(key.substring(colon + 1))));
            }
        }
        return nodes;
    }

    /** The {@code host:port} of each node the pool holds a pool for now ({@link #nodeStats()}'s keys); never touches Redis. */
    public Set<String> nodeNames() {
        return entry.client().nodePools().keySet();
    }

    /** The pool's topology: one server, Sentinel's master, or a Cluster. */
    public RedisTopology topology() {
        return entry.endpoint().topology();
    }

    private static PoolStats stats(Pool<Connection> pool, long exhausted) {
        return new PoolStats(new PoolUsage(pool.getNumActive(), pool.getNumIdle(), pool.getNumWaiters(),
                pool.getMaxTotal(), exhausted), pool.getMaxIdle(), pool.getMinIdle(), pool.getCreatedCount(),
                pool.getDestroyedCount(), pool.getBorrowedCount(), pool.getReturnedCount(),
                pool.getMeanBorrowWaitTimeMillis(), pool.getMaxBorrowWaitDuration().toMillis());
    }

    /** The numbers a heartbeat publishes, right now, added up over the nodes; cheaper than {@link #stats()}, never touches Redis. */
    public PoolUsage usage() {
        Map<String, ? extends Pool<Connection>> pools = entry.client().nodePools();
        if (pools.isEmpty()) {
            return new PoolUsage(0, 0, 0, entry.settings().maxTotal(), entry.exhaustedCount());
        }
        int active = 0;
        int idle = 0;
        int waiters = 0;
        int maxTotal = 0;
        for (Pool<Connection> pool : pools.values()) {
            active += pool.getNumActive();
            idle += pool.getNumIdle();
            waiters += pool.getNumWaiters();
            maxTotal += pool.getMaxTotal();
        }
        return new PoolUsage(active, idle, waiters, maxTotal, entry.exhaustedCount());
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
            entry.client().clearIdle();
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
