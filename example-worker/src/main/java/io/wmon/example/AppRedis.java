package io.wmon.example;

import java.net.URI;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/**
 * The application's own Redis pool, as a worker that uses Redis for its jobs would have one.
 *
 * <p>It is a plain Jedis 5 {@link JedisPool} with JMX enabled, so commons-pool2 registers an
 * {@code org.apache.commons.pool2:type=GenericObjectPool,name=example-app} MBean for the agent to
 * observe. Its connections are unnamed: the agent's are the only named ones.
 */
final class AppRedis implements AutoCloseable {

    /** The commons-pool2 JMX name prefix, so the MBean is recognisable. */
    static final String JMX_NAME_PREFIX = "example-app";

    private final JedisPool pool;

    AppRedis(String url) {
        JedisPoolConfig config = new JedisPoolConfig();
        config.setJmxEnabled(true);
        config.setJmxNamePrefix(JMX_NAME_PREFIX);
        config.setMaxTotal(2);
        this.pool = new JedisPool(config, URI.create(url));
    }

    /** One round trip on a borrowed connection; throws when Redis does not answer. */
    void ping() {
        try (Jedis jedis = pool.getResource()) {
            jedis.ping();
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
