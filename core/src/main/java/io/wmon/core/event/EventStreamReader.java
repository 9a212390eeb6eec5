package io.wmon.core.event;

import io.wmon.core.fleet.FleetKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.commands.StreamCommands;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamInfo;

/**
 * Reads the event stream after an id with {@code XREAD [BLOCK ms] COUNT }{@value #MAX_COUNT}, on
 * a connection the caller gives it (a pooled client or a dedicated connection), and decodes every
 * entry.
 *
 * <p>A block must stay below the connection's socket timeout (wmon's is 2 s): a blocking
 * {@code XREAD} keeps that timeout, so a frozen server still fails the read instead of holding it.
 * An entry that cannot be decoded is returned as invalid, never thrown. Thread-safe: it holds no state.
 */
public final class EventStreamReader {

    /** Entries one read returns at most, so a reader that fell behind catches up in bounded steps. */
    public static final int MAX_COUNT = 1_000;

    private final FleetKeys keys;

    public EventStreamReader(FleetKeys keys) {
        this.keys = keys;
    }

    /** The stream key, {@code wmon:{NS}:events}. */
    public String key() {
        return keys.events();
    }

    /**
     * The entries after {@code after}, waiting up to {@code blockMillis} for one to arrive when there
     * is none yet.
     *
     * @param blockMillis how long the server may wait, ms; 0 answers at once (it is not Redis's
     *     {@code BLOCK 0}, which waits forever)
     * @return the entries read, possibly none
     * @throws IllegalStateException when the key holds another type than a stream, or an entry id beyond
     *     {@code 9223372036854775807-…} (written by hand: the client library cannot parse it)
     * @throws JedisDataException when Redis refuses the command (an ACL's {@code NOPERM}): the shared
     *     pool turns it into a {@code RedisUnavailableException} naming the grant
     */
    public EventBatch readAfter(StreamCommands connection, EventId after, long blockMillis) {
        return decode(() -> connection.xread(params(blockMillis), streams(after)), after);
    }

    /** {@code XREAD [BLOCK ms] COUNT n} arguments; see {@link #readAfter}. */
    XReadParams params(long blockMillis) {
        if (blockMillis < 0) {
            throw new IllegalArgumentException("block must be 0 or more ms, was " + blockMillis);
        }
        XReadParams params = XReadParams.xReadParams().count(MAX_COUNT);
        if (blockMillis > 0) {
            params.block((int) Math.min(Integer.MAX_VALUE, blockMillis));
        }
        return params;
    }

    Map<String, StreamEntryID> streams(EventId after) {
        return Map.of(keys.events(), new StreamEntryID(after.millis(), after.sequence()));
    }

    /** Decodes an {@code XREAD} reply, direct or pipelined, into a batch; the errors as {@link #readAfter} says. */
    EventBatch decode(Supplier<List<Map.Entry<String, List<StreamEntry>>>> read, EventId after) {
        List<Map.Entry<String, List<StreamEntry>>> reply;
        try {
            reply = read.get();
        } catch (JedisDataException e) {
            throw rejected(e);
        } catch (NumberFormatException e) {
            throw beyondLong(e);
        }
        List<DecodedEvent> decoded = new ArrayList<>();
        if (reply != null) {
            for (Map.Entry<String, List<StreamEntry>> stream : reply) {
                for (StreamEntry entry : stream.getValue()) {
                    StreamEntryID id = entry.getID();
                    decoded.add(EventCodec.decode(EventId.of(id.getTime(), id.getSequence()), entry.getFields()));
                }
            }
        }
        return new EventBatch(decoded, after);
    }

    /**
     * {@code XINFO STREAM} of the event stream: one round trip.
     *
     * @throws IllegalStateException when the key holds another type than a stream
     * @throws JedisDataException when Redis refuses the command (an ACL's {@code NOPERM})
     */
    public StreamState state(StreamCommands connection) {
        return state(() -> connection.xinfoStream(keys.events()));
    }

    /** {@link #state(StreamCommands)} on {@code pipeline}, which it syncs. */
    public StreamState state(AbstractPipeline pipeline) {
        Response<StreamInfo> info = pipeline.xinfoStream(keys.events());
        pipeline.sync();
        return state(info::get);
    }

    /** The state in an {@code XINFO STREAM} reply, direct or pipelined; errors as {@link #state(StreamCommands)}. */
    StreamState state(Supplier<StreamInfo> info) {
        try {
            return StreamState.from(info);
        } catch (JedisDataException e) {
            throw rejected(e);
        } catch (NumberFormatException e) {
            throw beyondLong(e);
        }
    }

    /**
     * An entry id beyond {@code 9223372036854775807-…}: the client library cannot parse it, and every entry
     * added after it has a greater id, so the stream cannot be followed at all until it is deleted.
     */
    private IllegalStateException beyondLong(NumberFormatException e) {
        return new IllegalStateException("the event stream " + keys.events() + " holds an entry id beyond "
                + Long.MAX_VALUE + "-0, which wmon cannot read (nor any entry after it); delete the stream with DEL "
                + keys.events(), e);
    }

    private RuntimeException rejected(JedisDataException e) {
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("WRONGTYPE")) {
            return new IllegalStateException("cannot read the event stream " + keys.events() + " (" + message
                    + "); is another application using namespace " + keys.namespace() + "?", e);
        }
        return e; // NOPERM and the like: the shared pool names the command and the grant
    }
}
