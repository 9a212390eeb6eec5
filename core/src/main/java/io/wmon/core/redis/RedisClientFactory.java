package io.wmon.core.redis;

import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the bounded pooled Jedis client for an endpoint.
 *
 * <p>Nothing here connects eagerly: a pool with {@code minIdle = 0} opens its first connection on
 * first use, so a client can be created while Redis is down.
 */
final class RedisClientFactory {

    private static final Logger LOG = LoggerFactory.getLogger(RedisClientFactory.class);

    private RedisClientFactory() {
    }

    static RedisClient pooledClient(RedisEndpoint endpoint, String clientName, PoolSettings settings) {
        RedisClient client = RedisClient.builder()
                .hostAndPort(endpoint.host(), endpoint.port())
                .clientConfig(clientConfig(endpoint, clientName, settings))
                .poolConfig(poolConfig(settings))
                .build();
        // commons-pool hands what it swallows (a failed evict or destroy) to this listener: one line at
        // debug level, never a stack trace on the host application's stderr.
        client.getPool().setSwallowedExceptionListener(e -> LOG.debug("wmon pool {}: {}", clientName,
                e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        return client;
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
        // No PING of idle connections: a failed validation makes Jedis log a stack trace into the host's
        // stderr, and SharedPool.call already retries once when a connection the server closed fails.
        config.setTestWhileIdle(false);
        config.setTimeBetweenEvictionRuns(settings.evictionInterval());
        config.setMinEvictableIdleDuration(settings.minEvictableIdle());
        config.setNumTestsPerEvictionRun(-1);
        // wmon publishes its own pool MBean; commons-pool's would be counted as an application pool.
        config.setJmxEnabled(false);
        return config;
    }
}
