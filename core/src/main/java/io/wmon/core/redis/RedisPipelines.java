package io.wmon.core.redis;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Where wmon's pipelines come from: every round trip of the heartbeat, the fleet read, the events and
 * {@code watch} on a {@link SharedPool} client opens its pipeline here rather than with
 * {@code client.pipelined()}, so that on a Cluster it follows a slot being migrated
 * ({@link AskFollowingPipeline}).
 */
public final class RedisPipelines {

    private RedisPipelines() {
    }

    /**
     * A pipeline on {@code client}: Jedis's own for one server and Sentinel's master; for a Cluster, one
     * that also runs the commands answered {@code ASK} on the node the slot is moving to. Closing it syncs it.
     */
    public static AbstractPipeline open(UnifiedJedis client) {
        if (client instanceof RedisClusterClient) {
            return new AskFollowingPipeline((RedisClusterClient) client);
        }
        return client.pipelined();
    }
}
