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
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.Pool;

/**
 * The master that Redis Sentinel names ({@code redis-sentinel://…/<master>}): Jedis's
 * {@code RedisSentinelClient}, which asks the sentinels for the master, listens on each for
 * {@code +switch-master} (one subscription connection per sentinel, on the sentinels, not on the
 * master) and moves its pool to the promoted replica after a failover.
 */
final class SentinelTopologyClient extends DiscoveredTopologyClient<RedisSentinelClient> {

    /** The longest a sentinel may take to answer the probe that explains a failure, in milliseconds. */
    private static final long PROBE_TIMEOUT_MILLIS = 1_000;

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
            throw explained(noSentinel);
        }
    }

    /**
     * Jedis says only "All sentinels down" when no sentinel named the master, whatever the cause, so the
     * sentinels are asked once more, one at a time until one answers or one times out: an error reply (a
     * password wanted, refused, or given to a sentinel that has none; a command the ACL user may not run) is
     * thrown as {@link SentinelRefusedException}; over TLS, the first sentinel's own connection failure is
     * thrown when it has one (the handshake, most often: a certificate not trusted, named by
     * {@link TlsFailures}); otherwise Jedis's.
     */
    private JedisException explained(JedisConnectionException noSentinel) {
        for (RedisNode node : endpoint.nodes()) {
            try (Jedis sentinel = new Jedis(new HostAndPort(node.host(), node.port()), probeConfig())) {
                sentinel.ping();
                return refusedTheMasterQuery(sentinel, node, noSentinel);
            } catch (JedisConnectionException unreachable) {
                if (endpoint.tls()) {
                    return unreachable;
                }
                if (RedisFailures.isTimeout(unreachable)) {
                    // A frozen sentinel: asking the next would only wait out its timeout a second time.
                    return noSentinel;
                }
            } catch (JedisDataException refusal) {
                return new SentinelRefusedException(node, refusal);
            } catch (JedisException other) {
                return noSentinel;
            }
        }
        return noSentinel;
    }

    /**
     * An ACL user may log in but lack the command Jedis asks the sentinels for the master: that {@code NOPERM}
     * is the reason; any other answer (a master, none, a server that is no sentinel) leaves Jedis's.
     */
    private JedisException refusedTheMasterQuery(Jedis sentinel, RedisNode node, JedisConnectionException noSentinel) {
        try {
            sentinel.sentinelGetMasterAddrByName(endpoint.masterName());
        } catch (JedisDataException reply) {
            if (String.valueOf(reply.getMessage()).startsWith("NOPERM")) {
                return new SentinelRefusedException(node, reply);
            }
        }
        return noSentinel;
    }

    /**
     * The sentinels' configuration with timeouts of at most {@link #PROBE_TIMEOUT_MILLIS}: the probe
     * only explains a failure already met, so a frozen sentinel should not cost a second full timeout.
     */
    private JedisClientConfig probeConfig() {
        return sentinelConfig(Math.min(PROBE_TIMEOUT_MILLIS, settings.connectTimeout().toMillis()),
                Math.min(PROBE_TIMEOUT_MILLIS, settings.socketTimeout().toMillis()));
    }

    /**
     * The sentinels are asked without the master's credentials, with the sentinels' own password (and ACL
     * user) when one is given, named like the pool, over TLS when the master is.
     */
    private JedisClientConfig sentinelConfig() {
        return sentinelConfig(settings.connectTimeout().toMillis(), settings.socketTimeout().toMillis());
    }

    private JedisClientConfig sentinelConfig(long connectTimeoutMillis, long socketTimeoutMillis) {
        DefaultJedisClientConfig.Builder builder = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) connectTimeoutMillis)
                .socketTimeoutMillis((int) socketTimeoutMillis)
                .clientName(clientName)
                .user(endpoint.sentinelUser())
                .password(endpoint.sentinelPassword())
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
