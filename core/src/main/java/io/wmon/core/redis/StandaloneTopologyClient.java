package io.wmon.core.redis;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Connection;
import redis.clients.jedis.util.Pool;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** One server ({@code redis://}): Jedis's {@code RedisClient} over wmon's own naming, tracking connection factory. */
final class StandaloneTopologyClient extends TopologyClient {

    private final NamingConnectionFactory connections;
    private final RedisClient client;
    private final String nodeKey;

    StandaloneTopologyClient(RedisEndpoint endpoint, String clientName, PoolSettings settings) {
        this.connections = RedisClientFactory.connections(endpoint, clientName, settings);
        this.client = RedisClientFactory.pooledClient(connections, settings, clientName);
        this.nodeKey = connections.hostAndPort().toString();
    }

    @Override
    UnifiedJedis client() {
        return client;
    }

    @Override
    Map<String, Pool<Connection>> nodePools() {
        return Collections.singletonMap(nodeKey, client.getPool());
    }

    @Override
    HostAndPort nodeFor(String key) {
        return connections.hostAndPort();
    }

    @Override
    JedisClientConfig unnamedConfig() {
        return connections.clientConfig();
    }

    @Override
    String namingRefusal() {
        return connections.refusal();
    }

    @Override
    boolean setInfoRefused() {
        return connections.setInfoRefused();
    }

    @Override
    List<SocketEnds> trackedSockets() {
        return connections.openSockets();
    }

    @Override
    JedisSocketFactory trackedSocketFactory(HostAndPort node) {
        return connections.trackedSocketFactory();
    }

    @Override
    public void close() {
        client.close();
    }
}
