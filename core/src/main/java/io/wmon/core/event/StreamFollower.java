package io.wmon.core.event;

import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamInfo;

/**
 * Follows the event stream from a {@link StreamCursor}, one round trip per step: {@code XINFO STREAM}
 * and {@code XREAD [BLOCK ms]} after the cursor, pipelined on a connection the caller gives it.
 *
 * <p>Every step checks the stream's state before it takes the entries ({@link StreamCursor#resume}),
 * so whatever happened between two steps — a Redis restart with or without its data, a failover,
 * entries trimmed before they were read — is noticed at the next step, whether or not the caller
 * saw a connection fail. When the stream turns out to be another one, the step's entries (read from
 * the old position) are discarded and the next step reads the new stream from its start. Not
 * thread-safe: one follower per reading loop.
 */
public final class StreamFollower {

    private final EventStreamReader reader;
    private final StreamCursor cursor;

    public StreamFollower(EventStreamReader reader, StreamCursor cursor) {
        this.reader = reader;
        this.cursor = cursor;
    }

    /** Where the follower stands. */
    public StreamCursor cursor() {
        return cursor;
    }

    /**
     * One step: queues the two commands on {@code pipeline}, syncs it, and moves the cursor past what was read.
     *
     * @param blockMillis how long the server may wait for an entry, ms; keep it below the socket timeout
     * @throws IllegalStateException when the key holds another type than a stream (or an id the client cannot parse)
     * @throws JedisDataException when Redis refuses a command (an ACL's {@code NOPERM})
     */
    public FollowStep next(AbstractPipeline pipeline, long blockMillis) {
        EventId position = cursor.position();
        Response<StreamInfo> info = pipeline.xinfoStream(reader.key());
        Response<List<Map.Entry<String, List<StreamEntry>>>> read = pipeline.xread(reader.params(blockMillis),
                reader.streams(position));
        pipeline.sync();
        Resumption resumption = cursor.resume(reader.state(info::get));
        if (resumption.isLost()) {
            return new FollowStep(resumption, new EventBatch(List.of(), cursor.position()));
        }
        EventBatch batch = reader.decode(read::get, position);
        cursor.advance(batch);
        return new FollowStep(resumption, batch);
    }

    /** What one step found: the state of the stream against the cursor, and the entries read. */
    public static final class FollowStep {
        private final Resumption resumption;
        private final EventBatch batch;

        FollowStep(Resumption resumption, EventBatch batch) {
            this.resumption = resumption;
            this.batch = batch;
        }

        /** {@link Resumption.Kind#CONTINUOUS} unless the stream changed under the cursor since the last step. */
        public Resumption resumption() {
            return resumption;
        }

        /** The entries read, in order; empty when nothing came within the block or the stream was lost. */
        public EventBatch batch() {
            return batch;
        }
    }
}
