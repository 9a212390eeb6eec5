package io.wmon.test.topology;

import io.wmon.test.RedisProbe;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * Plain connections of the deployments to their servers, named {@value #CLIENT_NAME}: a harness
 * name, which the connection counts of {@link RedisProbe} and {@code ConnectionSampler} leave out.
 */
final class HarnessConnections {

    static final String CLIENT_NAME = RedisProbe.HARNESS_NAME_PREFIX + "topology";
    /** Connect and read timeout of set-up commands, in milliseconds: generous for loopback on a loaded machine. */
    static final int SETUP_TIMEOUT_MILLIS = 3_000;
    /** Connect and read timeout of one readiness check, in milliseconds: a check is retried, so short. */
    static final int CHECK_TIMEOUT_MILLIS = 500;

    private HarnessConnections() {
    }

    /** A new connection to {@code node}, which the caller closes; fails when the server does not answer. */
    static Jedis open(HostAndPort node, int timeoutMillis) {
        DefaultJedisClientConfig config = DefaultJedisClientConfig.builder()
                .clientName(CLIENT_NAME)
                .connectionTimeoutMillis(timeoutMillis)
                .socketTimeoutMillis(timeoutMillis)
                .build();
        Jedis jedis = new Jedis(node, config);
        try {
            jedis.connect();
        } catch (RuntimeException e) {
            jedis.close();
            throw e;
        }
        return jedis;
    }

    /** {@link #open} with the set-up timeout. */
    static Jedis open(HostAndPort node) {
        return open(node, SETUP_TIMEOUT_MILLIS);
    }
}
