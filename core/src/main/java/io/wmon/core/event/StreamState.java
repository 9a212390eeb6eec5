package io.wmon.core.event;

import java.util.function.Supplier;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.commands.StreamCommands;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamInfo;

/**
 * What {@code XINFO STREAM} says about the event stream at one moment: whether it exists, its
 * length, its newest id ever generated, its first entry, and (Redis 7+) how many entries were ever
 * added to it. Immutable.
 */
public final class StreamState {

    /** {@link #entriesAdded()} when the server does not say (Redis before 7.0). */
    public static final long UNKNOWN = -1;

    private static final StreamState MISSING = new StreamState(false, 0, EventId.ZERO, null, 0);

    private final boolean exists;
    private final long length;
    private final EventId lastGeneratedId;
    private final EventId firstEntryId;
    private final long entriesAdded;

    StreamState(boolean exists, long length, EventId lastGeneratedId, EventId firstEntryId, long entriesAdded) {
        this.exists = exists;
        this.length = length;
        this.lastGeneratedId = lastGeneratedId;
        this.firstEntryId = firstEntryId;
        this.entriesAdded = entriesAdded;
    }

    /**
     * {@code XINFO STREAM key} on {@code connection}: one round trip.
     *
     * @throws JedisDataException when Redis refuses (an ACL's {@code NOPERM}) or the key is no stream
     *     ({@code WRONGTYPE}); a missing key is a {@linkplain #exists() missing} stream, not an error
     */
    public static StreamState read(StreamCommands connection, String key) {
        return from(() -> connection.xinfoStream(key));
    }

    /**
     * The state in the reply of a pipelined {@code XINFO STREAM}, once the pipeline is synced.
     *
     * @throws JedisDataException as {@link #read}
     */
    static StreamState from(Supplier<StreamInfo> reply) {
        StreamInfo info;
        try {
            info = reply.get();
        } catch (JedisDataException e) {
            if (String.valueOf(e.getMessage()).contains("no such key")) {
                return MISSING;
            }
            throw e;
        }
        StreamEntry first = info.getFirstEntry();
        Object added = info.getStreamInfo().get("entries-added");
        return new StreamState(true, info.getLength(), id(info.getLastGeneratedId()),
                first == null ? null : id(first.getID()), added instanceof Long ? (Long) added : UNKNOWN);
    }

    private static EventId id(StreamEntryID id) {
        return id == null ? EventId.ZERO : EventId.of(id.getTime(), id.getSequence());
    }

    /** Whether the stream key exists. */
    public boolean exists() {
        return exists;
    }

    /** Entries in the stream now. */
    public long length() {
        return length;
    }

    /** The newest id the stream ever generated, also when that entry is gone; {@code 0-0} for a missing stream. */
    public EventId lastGeneratedId() {
        return lastGeneratedId;
    }

    /** The oldest entry's id, or null when the stream is empty or missing. */
    public EventId firstEntryId() {
        return firstEntryId;
    }

    /** Entries ever added to this stream, trimmed ones included; {@link #UNKNOWN} before Redis 7. */
    public long entriesAdded() {
        return entriesAdded;
    }

    /** Entries added and no longer in the stream (trimmed or deleted), or {@link #UNKNOWN}. */
    public long entriesRemoved() {
        return entriesAdded == UNKNOWN ? UNKNOWN : Math.max(0, entriesAdded - length);
    }

    @Override
    public String toString() {
        return exists ? "stream of " + length + " (last " + lastGeneratedId + ", first " + firstEntryId + ", added "
                + entriesAdded + ")" : "no stream";
    }
}
