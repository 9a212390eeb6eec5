package io.wmon.core.redis;

import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;

/**
 * Builds the bounded pooled Jedis client for an endpoint.
 *
 * <p>Nothing here connects eagerly: a pool with {@code minIdle = 0} opens its first connection on
 * first use, so a client can be created while Redis is down.
 */
final class RedisClientFactory {

    private RedisClientFactory() {
    }

    static RedisClient pooledClient(RedisEndpoint endpoint, String clientName, PoolSettings settings) {
        return RedisClient.builder()
                .hostAndPort(endpoint.host(), endpoint.port())
                .clientConfig(clientConfig(endpoint, clientName, settings))
                .poolConfig(poolConfig(settings))
                .build();
    }

    static JedisClientConfig clientConfig(RedisEndpoint endpoint, String clientName, PoolSettings settings) {
        DefaultJedisClientConfig.Builder builder = DefaultJedisClientConfig.builder()
                .clientName(clientName)
                .connectionTimeoutMillis((int) settings.connectTimeout().toMillis())
                .socketTimeoutMillis((int) settings.socketTimeout().toMillis())
                .database(endpoint.database())
                .ssl(endpoint.tls())
                .clientSetInfoConfig(ClientSetInfoConfig.DEFAULT);
        if (endpoint.user() != null) {
            builder.user(endpoint.user());
        }
        if (endpoint.password() != null) {
            builder.password(endpoint.password());
        }
        return builder.build();
    }

    private static ConnectionPoolConfig poolConfig(PoolSettings settings) {
        ConnectionPoolConfig config = new ConnectionPoolConfig();
        config.setMaxTotal(settings.maxTotal());
        config.setMaxIdle(settings.maxIdle());
        config.setMinIdle(settings.minIdle());
        config.setBlockWhenExhausted(true);
        config.setMaxWait(settings.maxWait());
        config.setTestWhileIdle(true);
        config.setTimeBetweenEvictionRuns(settings.evictionInterval());
        config.setMinEvictableIdleDuration(settings.minEvictableIdle());
        config.setNumTestsPerEvictionRun(-1);
        // wmon publishes its own pool MBean; commons-pool's would be counted as an application pool.
        config.setJmxEnabled(false);
        return config;
    }
}
