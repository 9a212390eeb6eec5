package io.wmon.cli.launcher;

import io.wmon.test.topology.RedisClusterExtension;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/** A worker's last beat as one cluster node holds it: its score in the namespace's registry. */
final class RegistryScore {

    private RegistryScore() {
    }

    /**
     * The score of {@code id} in {@code registry} on {@code node}, in epoch milliseconds; 0 when the node
     * holds none, is down, or no longer serves the slot ({@code MOVED}).
     */
    static double on(RedisClusterExtension cluster, HostAndPort node, String registry, String id) {
        try (Jedis jedis = cluster.connect(node)) {
            Double score = jedis.zscore(registry, id);
            return score == null ? 0 : score;
        } catch (RuntimeException movedOrDown) {
            return 0;
        }
    }
}
