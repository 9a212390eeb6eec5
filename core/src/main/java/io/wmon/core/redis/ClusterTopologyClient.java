package io.wmon.core.redis;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisMovedDataException;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A Redis Cluster ({@code redis-cluster://}): Jedis's {@code RedisClusterClient}, which learns the
 * slot map from the seeds and keeps one pool per node. A namespace's keys share the hash tag
 * {@code {NS}}, so its commands and pipelines go to one node.
 */
final class ClusterTopologyClient extends DiscoveredTopologyClient<RedisClusterClient> {

    /** Attempts of one command through redirections and a failover; each is bounded by the socket timeout. */
    private static final int MAX_ATTEMPTS = 3;
    /** The name of the thread that renews the slot map after a timeout. */
    static final String REFRESH_THREAD = "wmon-cluster-refresh";

    private final AtomicBoolean refreshing = new AtomicBoolean();

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

    /**
     * Jedis renews its slot map when a single command meets a dead node or {@code MOVED}, but not for a
     * pipeline nor for a connection taken by slot, and the heartbeat, the fleet read and {@code watch} use
     * those: without this, after a failover or a resharding they would go to the old node for good. So
     * after a connection failure or a {@code MOVED} the map is asked for again ({@code CLUSTER SLOTS}, from
     * the first node that answers). After a quick failure (refused, reset, {@code MOVED}) that happens at
     * once and the work is worth running again; after a timeout, or a failure of unknown cause, it happens
     * on a thread of its own and the work is not run again: Jedis asks the seeds and nodes one after the
     * other, and with every node frozen each would cost the caller a socket timeout (14–18 s for three
     * nodes instead of 2 s).
     */
    @Override
    boolean recoverFrom(JedisException failure) {
        boolean moved = failure instanceof JedisMovedDataException;
        RedisClusterClient client = builtOrNull();
        if (client == null || !(moved || failure instanceof JedisConnectionException)) {
            return false;
        }
        if (!moved && !RedisFailures.isRefusedOrReset(failure)) {
            // A timeout, or a pipeline's node failure whose cause Jedis only logged.
            refreshInBackground(client);
            return false;
        }
        try {
            client.refreshClusterTopology();
            return true;
        } catch (RuntimeException noNodeAnswered) {
            return false;
        }
    }

    /** At most one renewal at a time, on a daemon thread, so that no exit waits for it. */
    private void refreshInBackground(RedisClusterClient client) {
        if (!refreshing.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                client.refreshClusterTopology();
            } catch (RuntimeException noNodeAnsweredOrClosed) {
                // The next failure asks again.
            } finally {
                refreshing.set(false);
            }
        }, REFRESH_THREAD);
        thread.setDaemon(true);
        thread.start();
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
