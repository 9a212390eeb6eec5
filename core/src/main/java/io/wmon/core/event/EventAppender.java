package io.wmon.core.event;

import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.redis.RedisPipelines;
import io.wmon.core.redis.RedisUnavailableException;
import io.wmon.core.redis.SharedPool;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.commands.StreamPipelineCommands;
import redis.clients.jedis.params.XAddParams;

/**
 * Appends events to {@code wmon:{NS}:events} with {@code XADD … MAXLEN ~ }{@value #MAX_LENGTH}{@code  * …},
 * so the stream stays capped at about that many entries however long the fleet runs.
 *
 * <p>The trim is approximate ({@code ~}): Redis drops whole nodes of its radix tree, so the stream
 * holds between {@value #MAX_LENGTH} and about a hundred entries more, and a trim costs no more
 * than the append. Appends can ride in another pipeline ({@link #appendAll(StreamPipelineCommands, List)},
 * the agent's heartbeat) or take one round trip of their own ({@link #append(SharedPool, List)}).
 * Thread-safe: it holds no state.
 */
public final class EventAppender {

    /** The stream's approximate length cap, entries. */
    public static final long MAX_LENGTH = 10_000;

    private final String key;

    public EventAppender(FleetKeys keys) {
        this.key = keys.events();
    }

    /** The stream key, {@code wmon:{NS}:events}. */
    public String key() {
        return key;
    }

    /** Queues the {@code XADD}s of {@code events} on {@code pipeline}; check them once it has been synced. */
    public AppendBatch appendAll(StreamPipelineCommands pipeline, List<FleetEvent> events) {
        List<Response<StreamEntryID>> replies = new ArrayList<>(events.size());
        for (FleetEvent event : events) {
            replies.add(pipeline.xadd(key, XAddParams.xAddParams().maxLen(MAX_LENGTH).approximateTrimming(),
                    EventCodec.encode(event)));
        }
        return new AppendBatch(events, replies);
    }

    /**
     * Appends {@code events} in one pipelined round trip on a connection borrowed from {@code pool}.
     *
     * @return what Redis answered for each event
     * @throws RedisUnavailableException when Redis cannot be reached (the pool's breaker decides whether it is tried)
     */
    public AppendResult append(SharedPool pool, List<FleetEvent> events) {
        if (events.isEmpty()) {
            return AppendResult.NOTHING;
        }
        return pool.call(client -> {
            try (AbstractPipeline pipeline = RedisPipelines.open(client)) {
                AppendBatch batch = appendAll(pipeline, events);
                pipeline.sync();
                return batch.result();
            }
        });
    }
}
