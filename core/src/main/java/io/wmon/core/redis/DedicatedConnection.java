package io.wmon.core.redis;

import java.util.function.Function;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisAskDataException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * One connection of its own to a shared pool's endpoint, outside the pool, for blocking reads
 * ({@code XREAD BLOCK}) that must not hold a pooled connection: the "+1" of the agent's connection
 * budget. It is named with {@code CLIENT SETNAME} (e.g. {@code wmon:stream:<ns>:<id>}), uses the
 * pool's TLS, credentials and timeouts, and goes through the endpoint's circuit breaker.
 *
 * <p>It goes to the node that serves its key: the one server, Sentinel's current master, the
 * Cluster node of the key's slot. It connects on the first {@link #call}; a call that fails drops
 * the socket, so the next one asks again which node serves the key and connects afresh (after a
 * failover, to the promoted replica). When a Cluster client renewed its slot map after the failure
 * ({@code MOVED}, a dead node), the call runs once more at once, on the node the map names now. While
 * the key's slot is being migrated and the key has moved ({@code ASK}), the call runs once more on the
 * node it moved to, each command after {@code ASKING}, and so do the calls after it until one fails: once
 * the migration ends that node owns the slot, where {@code ASKING} changes nothing. One thread calls it;
 * {@link #close} may come from another and ends a blocked read.
 */
public final class DedicatedConnection implements AutoCloseable {

    private final PoolEntry entry;
    private final String name;
    private final String key;
    private volatile Jedis jedis;
    /**
     * Where the key's slot was being migrated to at the last {@code ASK}, and so where {@link #jedis} goes,
     * each command after {@code ASKING}; null once a call failed otherwise. Changes only with the socket dropped.
     */
    private volatile HostAndPort importingNode;
    private volatile boolean closed;

    DedicatedConnection(PoolEntry entry, String name, String key) {
        this.entry = entry;
        this.name = name;
        this.key = key;
    }

    /** The {@code CLIENT SETNAME} of this connection. */
    public String name() {
        return name;
    }

    /**
     * Runs {@code work} on a pipeline on this connection, through the endpoint's circuit breaker; the
     * pipeline is synced and closed after {@code work} returns.
     *
     * @throws BreakerOpenException when the breaker is open; no connection was attempted
     * @throws RedisUnavailableException when Redis cannot be reached or refused the connection or command
     * @throws IllegalStateException when this connection was closed
     */
    public <T> T call(Function<AbstractPipeline, T> work) {
        if (closed) {
            throw new IllegalStateException("the dedicated connection " + name + " is closed");
        }
        return entry.breaker().call(() -> attempt(work));
    }

    private <T> T attempt(Function<AbstractPipeline, T> work) {
        try {
            return runOnce(work);
        } catch (JedisException e) {
            if (!dropAfter(e)) {
                throw rethrown(e);
            }
        }
        // The key's node may be another one now: a Cluster client renewed its slot map (a failover, a
        // resharding), or the key moved to the node its slot is migrating to.
        try {
            return runOnce(work);
        } catch (JedisException again) {
            dropAfter(again);
            throw rethrown(again);
        }
    }

    private <T> T runOnce(Function<AbstractPipeline, T> work) {
        Jedis current = connection();
        try (AbstractPipeline pipeline = importingNode != null ? new AskingPipeline(current.pipelined()) : current.pipelined()) {
            return work.apply(pipeline);
        }
    }

    /**
     * Drops the socket unless {@code e} is a command the server rejected for its data (WRONGTYPE), which
     * leaves the connection as it was; returns true when the client then learnt where to go instead.
     */
    private boolean dropAfter(JedisException e) {
        if (e instanceof JedisAskDataException) {
            drop();
            importingNode = ((JedisAskDataException) e).getTargetNode();
            return true;
        }
        if (e instanceof JedisDataException && RedisFailures.unavailable(entry.endpoint(), e) == null) {
            return false;
        }
        drop();
        importingNode = null;
        return entry.client().recoverFrom(e);
    }

    private RuntimeException rethrown(JedisException e) {
        RedisUnavailableException unavailable = RedisFailures.unavailable(entry.endpoint(), e);
        return unavailable != null ? unavailable : e;
    }

    private Jedis connection() {
        Jedis current = jedis;
        if (current == null) {
            RedisEndpoint endpoint = entry.endpoint();
            TopologyClient topology = entry.client();
            // Its socket is remembered with the pool's, so the agent's socket census counts it as the agent's own.
            HostAndPort importing = importingNode;
            current = new Jedis(topology.trackedSocketFactory(importing != null ? importing : topology.nodeFor(key)),
                    topology.unnamedConfig());
            try {
                current.connect();
            } catch (RuntimeException e) {
                current.close();
                throw e;
            }
            try {
                current.clientSetname(name);
            } catch (JedisDataException refused) {
                if (RedisFailures.translate(endpoint, refused) != null && !isNamingRefusal(refused)) {
                    current.close();
                    throw refused;
                }
                // The server refuses CLIENT SETNAME (an ACL, a managed service): the pool has said so once already.
            }
            jedis = current;
            if (closed) {
                drop();
            }
        }
        return current;
    }

    private static boolean isNamingRefusal(JedisDataException e) {
        String message = String.valueOf(e.getMessage());
        return message.startsWith("NOPERM") || message.contains("unknown command") || message.contains("unknown subcommand");
    }

    private void drop() {
        Jedis current = jedis;
        jedis = null;
        if (current != null) {
            try {
                current.close();
            } catch (RuntimeException ignored) {
                // Closing a broken socket can fail; it is gone either way.
            }
        }
    }

    /** Closes the socket, ending a read blocked on it; further calls fail. */
    @Override
    public void close() {
        closed = true;
        drop();
    }

    @Override
    public String toString() {
        return "DedicatedConnection{" + name + " to " + entry.endpoint().redacted() + "}";
    }
}
