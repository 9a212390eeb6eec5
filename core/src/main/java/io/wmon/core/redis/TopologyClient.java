package io.wmon.core.redis;

import java.util.List;
import java.util.Map;
import redis.clients.jedis.Connection;
import redis.clients.jedis.util.Pool;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The Jedis client of one shared pool, whatever the endpoint's {@link RedisTopology}, and the
 * per-node connection pools behind it: one pool for a standalone server, the current master's for
 * Sentinel, one per node for Cluster. Each node's pool has the endpoint's bound ({@code maxTotal}).
 */
abstract class TopologyClient implements AutoCloseable {

    /** Builds the client for {@code endpoint}; never connects (Sentinel and Cluster build on first use). */
    static TopologyClient of(RedisEndpoint endpoint, String clientName, PoolSettings settings) {
        switch (endpoint.topology()) {
            case SENTINEL:
                return new SentinelTopologyClient(endpoint, clientName, settings);
            case CLUSTER:
                return new ClusterTopologyClient(endpoint, clientName, settings);
            default:
                return new StandaloneTopologyClient(endpoint, clientName, settings);
        }
    }

    /**
     * The client; for Sentinel and Cluster the first call asks the sentinels or the seed nodes, so it
     * may connect and throw Jedis's connection exceptions (the caller is inside the circuit breaker).
     */
    abstract UnifiedJedis client();

    /** The node pools now, keyed {@code host:port}; empty before a Sentinel or Cluster client is built. */
    abstract Map<String, ? extends Pool<Connection>> nodePools();

    /** The node that serves {@code key} now (a cluster's slot owner, the current master); may connect. */
    abstract HostAndPort nodeFor(String key);

    /** The config of a connection of this client, without its name. */
    abstract JedisClientConfig unnamedConfig();

    /** Why the connections carry no name, or {@code null}; only the standalone client can tell. */
    String namingRefusal() {
        return null;
    }

    /** Whether the connections carry no {@code lib-name wmon} because the server refused it. */
    boolean setInfoRefused() {
        return false;
    }

    /**
     * The ends of the pooled connections whose sockets are known (every one for a standalone server;
     * none for Sentinel and Cluster, whose pools Jedis opens with its own socket factory) and of the
     * dedicated connections.
     */
    abstract List<SocketEnds> trackedSockets();

    /** Pooled connections open now whose sockets {@link #trackedSockets()} does not know. */
    int untrackedConnections() {
        return 0;
    }

    /** A socket factory to {@code node} whose sockets {@link #trackedSockets()} reports. */
    abstract JedisSocketFactory trackedSocketFactory(HostAndPort node);

    /**
     * Called after work on this client failed with {@code failure}, before the failure is reported: a
     * client that can learn something from it does so now (a Cluster client asks for the slot map again).
     * Returns true when running the work once more now may succeed where it just failed; never throws.
     */
    boolean recoverFrom(JedisException failure) {
        return false;
    }

    /** Idle connections of every node. */
    final int idleCount() {
        int idle = 0;
        for (Pool<Connection> pool : nodePools().values()) {
            idle += pool.getNumIdle();
        }
        return idle;
    }

    /** Drops every node's idle connections: after a connection failure they are most likely dead too. */
    final void clearIdle() {
        for (Pool<Connection> pool : nodePools().values()) {
            pool.clear();
        }
    }

    @Override
    public abstract void close();
}
