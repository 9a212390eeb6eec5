package io.wmon.core.redis;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.util.Pool;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.DriverInfo;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * A Sentinel or Cluster client, whose servers are found by asking: built on first use, inside the
 * caller's circuit breaker, because Jedis asks the sentinels or the seed nodes while building (a
 * client built at agent start would wait out the connect timeout of every node on the premain
 * thread). A build that fails is tried again by the next call.
 *
 * <p>Jedis opens these pools' connections itself: they are named through the config ({@code CLIENT
 * SETNAME}, whose refusal Jedis does not report) and say {@code lib-name wmon} through Jedis's
 * driver info; their sockets are not known one by one ({@link #untrackedConnections()}).
 */
abstract class DiscoveredTopologyClient<C extends UnifiedJedis> extends TopologyClient {

    final RedisEndpoint endpoint;
    final String clientName;
    final PoolSettings settings;
    private final JedisClientConfig unnamed;
    private final PoolSockets dedicatedSockets = new PoolSockets();
    private volatile C client;
    private boolean closed;

    DiscoveredTopologyClient(RedisEndpoint endpoint, String clientName, PoolSettings settings) {
        this.endpoint = endpoint;
        this.clientName = clientName;
        this.settings = settings;
        this.unnamed = RedisClientFactory.clientConfig(endpoint, settings);
    }

    /** Asks the servers and builds the client; throws Jedis's exception when none answers. */
    abstract C build();

    @Override
    final UnifiedJedis client() {
        return built();
    }

    final C built() {
        C current = client;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the pool for " + endpoint.redacted() + " is closed");
            }
            if (client == null) {
                client = build();
            }
            return client;
        }
    }

    /** The client if built, else {@code null}; never connects. */
    final C builtOrNull() {
        return client;
    }

    /** The config of the pooled connections: named, with {@code lib-name wmon}. */
    final JedisClientConfig namedConfig() {
        return DefaultJedisClientConfig.builder().from(unnamed).clientName(clientName)
                .clientSetInfoConfig(new ClientSetInfoConfig(DriverInfo.builder().name(ClientLibrary.NAME).build()))
                .build();
    }

    final Set<HostAndPort> seeds() {
        Set<HostAndPort> seeds = new LinkedHashSet<>();
        for (RedisNode node : endpoint.nodes()) {
            seeds.add(new HostAndPort(node.host(), node.port()));
        }
        return seeds;
    }

    final ConnectionPoolConfig poolConfig() {
        return RedisClientFactory.poolConfig(settings);
    }

    @Override
    final JedisClientConfig unnamedConfig() {
        return unnamed;
    }

    @Override
    final List<SocketEnds> trackedSockets() {
        return dedicatedSockets.open();
    }

    @Override
    final int untrackedConnections() {
        int open = 0;
        for (Pool<Connection> pool : nodePools().values()) {
            open += pool.getNumActive() + pool.getNumIdle();
        }
        return open;
    }

    @Override
    final JedisSocketFactory trackedSocketFactory(HostAndPort node) {
        return new TrackingSocketFactory(node, unnamed, dedicatedSockets);
    }

    @Override
    public final void close() {
        C current;
        synchronized (this) {
            closed = true;
            current = client;
        }
        if (current != null) {
            current.close();
        }
    }
}
