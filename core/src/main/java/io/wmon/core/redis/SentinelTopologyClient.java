package io.wmon.core.redis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.Pool;

/**
 * The master that Redis Sentinel names ({@code redis-sentinel://…/<master>}): Jedis's
 * {@code RedisSentinelClient}, which asks the sentinels for the master, listens on each for
 * {@code +switch-master} (one subscription connection per sentinel, on the sentinels, not on the
 * master) and moves its pool to the promoted replica after a failover.
 */
final class SentinelTopologyClient extends DiscoveredTopologyClient<RedisSentinelClient> {

    SentinelTopologyClient(RedisEndpoint endpoint, String clientName, PoolSettings settings) {
        super(endpoint, clientName, settings);
    }

    @Override
    RedisSentinelClient build() {
        try {
            return RedisSentinelClient.builder()
                    .masterName(endpoint.masterName())
                    .sentinels(seeds())
                    .clientConfig(namedConfig())
                    .sentinelClientConfig(sentinelConfig())
                    .poolConfig(poolConfig())
                    .build();
        } catch (JedisConnectionException noSentinel) {
            throw endpoint.tls() ? handshakeFailure(noSentinel) : noSentinel;
        }
    }

    /**
     * Jedis says only "All sentinels down" when none answered, whatever the cause; over TLS the cause is
     * most often the handshake (a certificate not trusted), so one sentinel is asked once more, and its
     * own failure is thrown when it has one (named by {@link TlsFailures}); otherwise Jedis's.
     */
    private JedisConnectionException handshakeFailure(JedisConnectionException noSentinel) {
        RedisNode first = endpoint.nodes().get(0);
        try (Jedis sentinel = new Jedis(new HostAndPort(first.host(), first.port()), sentinelConfig())) {
            sentinel.ping();
        } catch (JedisConnectionException handshake) {
            return handshake;
        } catch (JedisException other) {
            // It answered (an error reply): the handshake is not the cause.
        }
        return noSentinel;
    }

    /** The sentinels are asked without the master's credentials, named like the pool, over TLS when the master is. */
    private JedisClientConfig sentinelConfig() {
        DefaultJedisClientConfig.Builder builder = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) settings.connectTimeout().toMillis())
                .socketTimeoutMillis((int) settings.socketTimeout().toMillis())
                .clientName(clientName)
                // Sentinels answer RESP2; asking for RESP3 on them only makes Jedis warn.
                .autoNegotiateProtocol(false);
        return RedisClientFactory.tls(builder, endpoint).build();
    }

    @Override
    Map<String, Pool<Connection>> nodePools() {
        RedisSentinelClient client = builtOrNull();
        if (client == null) {
            return Collections.emptyMap();
        }
        Map<String, Pool<Connection>> pools = new LinkedHashMap<>();
        for (Map.Entry<?, Pool<Connection>> e : client.getPrimaryNodesConnectionMap().entrySet()) {
            pools.put(String.valueOf(e.getKey()), e.getValue());
        }
        return pools;
    }

    @Override
    HostAndPort nodeFor(String key) {
        return built().getCurrentMaster();
    }
}
