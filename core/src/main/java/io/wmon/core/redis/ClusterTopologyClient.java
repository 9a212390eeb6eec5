package io.wmon.core.redis;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A Redis Cluster ({@code redis-cluster://}): Jedis's {@code RedisClusterClient}, which learns the
 * slot map from the seeds and keeps one pool per node. A namespace's keys share the hash tag
 * {@code {NS}}, so its commands and pipelines go to one node.
 */
final class ClusterTopologyClient extends DiscoveredTopologyClient<RedisClusterClient> {

    /** Attempts of one command through redirections and a failover; each is bounded by the socket timeout. */
    private static final int MAX_ATTEMPTS = 3;

    ClusterTopologyClient(RedisEndpoint endpoint, String clientName, PoolSettings settings) {
        super(endpoint, clientName, settings);
    }

    @Override
    RedisClusterClient build() {
        return RedisClusterClient.builder()
                .nodes(seeds())
                .clientConfig(namedConfig())
                .poolConfig(poolConfig())
                .maxAttempts(MAX_ATTEMPTS)
                .maxTotalRetriesDuration(settings.socketTimeout().multipliedBy(MAX_ATTEMPTS).plus(Duration.ofSeconds(1)))
                .build();
    }

    @Override
    Map<String, ConnectionPool> nodePools() {
        RedisClusterClient client = builtOrNull();
        // Jedis's map is a copy in no order; sorted, the node beans and `connections` list nodes alike each time.
        return client == null ? Collections.emptyMap() : new TreeMap<>(client.getClusterNodes());
    }

    @Override
    HostAndPort nodeFor(String key) {
        RedisClusterClient client = built();
        try (redis.clients.jedis.Connection connection = client.getConnectionFromSlot(JedisClusterCRC16.getSlot(key))) {
            return connection.getHostAndPort();
        }
    }
}
