package io.wmon.core.redis;

/**
 * How the servers behind an endpoint are arranged, named by the URL's scheme: the same client code
 * runs on all three through Jedis's {@code RedisClient}, {@code RedisSentinelClient} and
 * {@code RedisClusterClient}.
 */
public enum RedisTopology {
    /** {@code redis://}, {@code rediss://}: one server. */
    STANDALONE("redis", 6379),
    /** {@code redis-sentinel://}, {@code rediss-sentinel://}: the master that the sentinels name, followed through failovers. */
    SENTINEL("redis-sentinel", 26379),
    /** {@code redis-cluster://}, {@code rediss-cluster://}: the nodes of a Redis Cluster, found from the seeds. */
    CLUSTER("redis-cluster", 6379);

    private final String scheme;
    private final int defaultPort;

    RedisTopology(String scheme, int defaultPort) {
        this.scheme = scheme;
        this.defaultPort = defaultPort;
    }

    /** The URL scheme, {@code s} added after {@code redis} for TLS. */
    String scheme(boolean tls) {
        return tls ? "rediss" + scheme.substring("redis".length()) : scheme;
    }

    /** The port of a node that the URL gives without one. */
    int defaultPort() {
        return defaultPort;
    }

    /** The topology and TLS of {@code scheme} (any case), or {@code null} when it names none. */
    static RedisTopology ofScheme(String scheme) {
        for (RedisTopology topology : values()) {
            if (topology.scheme(false).equalsIgnoreCase(scheme) || topology.scheme(true).equalsIgnoreCase(scheme)) {
                return topology;
            }
        }
        return null;
    }
}
