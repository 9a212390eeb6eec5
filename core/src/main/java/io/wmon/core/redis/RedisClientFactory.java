package io.wmon.core.redis;

import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.providers.PooledConnectionProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the bounded pooled Jedis client for an endpoint.
 *
 * <p>Nothing here connects eagerly: a pool with {@code minIdle = 0} opens its first connection on
 * first use, so a client can be created while Redis is down or hangs. A {@code rediss://} endpoint's TLS
 * context is built here, once per pool, from its {@link TlsSettings}; a bad store fails the build
 * with {@link InvalidTlsException}.
 */
final class RedisClientFactory {

    /** The protocol of every connection (see {@link #clientConfig}); the replies' decoders depend on it. */
    static final RedisProtocol PROTOCOL = RedisProtocol.RESP3;

    private static final Logger LOG = LoggerFactory.getLogger(RedisClientFactory.class);

    private RedisClientFactory() {
    }

    /** The client and the factory of its connections, which names them and knows when it could not. */
    static RedisClient pooledClient(NamingConnectionFactory connections, PoolSettings settings, String clientName) {
        RedisClient client = RedisClient.builder()
                .hostAndPort(connections.hostAndPort())
                .clientConfig(connections.clientConfig())
                .connectionProvider(new PooledConnectionProvider(connections, poolConfig(settings)))
                .build();
        // commons-pool hands what it swallows (a failed evict or destroy) to this listener: one line at
        // debug level, never a stack trace on the host application's stderr.
        client.getPool().setSwallowedExceptionListener(e -> LOG.debug("wmon pool {}: {}", clientName,
                e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        return client;
    }

    /** The factory of a pool's connections to {@code endpoint}, each named {@code clientName}. */
    static NamingConnectionFactory connections(RedisEndpoint endpoint, String clientName, PoolSettings settings) {
        return new NamingConnectionFactory(new HostAndPort(endpoint.host(), endpoint.port()),
                clientConfig(endpoint, settings), clientName, endpoint);
    }

    /**
     * The config of every connection, without a client name or library info: {@link NamingConnectionFactory}
     * sets them.
     *
     * <p>The protocol is fixed to RESP3 ({@code HELLO 3}, Redis 6 and later), not negotiated: a client
     * whose config names no protocol opens a connection while it is built to ask the server, an attempt
     * outside the circuit breaker that waits out the socket timeout on a hung server, and when that
     * fails it decodes RESP2 for good while its later connections negotiate RESP3.
     */
    static JedisClientConfig clientConfig(RedisEndpoint endpoint, PoolSettings settings) {
        DefaultJedisClientConfig.Builder builder = DefaultJedisClientConfig.builder()
                .protocol(PROTOCOL)
                .connectionTimeoutMillis((int) settings.connectTimeout().toMillis())
                .socketTimeoutMillis((int) settings.socketTimeout().toMillis())
                .database(endpoint.database())
                // NamingConnectionFactory sends lib-name wmon itself; Jedis's would say jedis.
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED);
        tls(builder, endpoint);
        if (endpoint.user() != null) {
            builder.user(endpoint.user());
        }
        if (endpoint.password() != null) {
            builder.password(endpoint.password());
        }
        return builder.build();
    }

    /** Sets {@code endpoint}'s TLS (its stores, host-name verification) on {@code builder}; nothing for {@code redis://}. */
    static DefaultJedisClientConfig.Builder tls(DefaultJedisClientConfig.Builder builder, RedisEndpoint endpoint) {
        if (endpoint.tls()) {
            builder.ssl(true)
                    .sslSocketFactory(endpoint.tlsSettings().socketFactory())
                    .sslParameters(TlsSettings.sslParameters());
        }
        return builder;
    }

    static ConnectionPoolConfig poolConfig(PoolSettings settings) {
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
