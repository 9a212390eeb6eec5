package io.wmon.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.core.fleet.FleetKeys;
import io.wmon.test.RedisServerExtension;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;

/**
 * What a follower finds after Redis went away and came back, against a real server that is really
 * restarted: with its data (an RDB snapshot), without, with an older copy, and with unread entries
 * trimmed meanwhile.
 */
@Timeout(60)
class StreamCursorTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final FleetKeys KEYS = FleetKeys.of("cursor");
    private final EventStreamReader reader = new EventStreamReader(KEYS);

    @BeforeEach
    void emptyServer() {
        REDIS.flushAll();
    }

    private static Jedis connection() {
        return new Jedis(REDIS.host(), REDIS.port());
    }

    private static void append(int count) {
        try (Jedis jedis = connection()) {
            for (int i = 0; i < count; i++) {
                jedis.xadd(KEYS.events(), StreamEntryID.NEW_ENTRY, EventCodec.encode(
                        FleetEvent.of(EventType.STATE, "w-" + i, "idle", "busy", i, "")));
            }
        }
    }

    /** A cursor that started at the end of the stream and has read everything in it. */
    private StreamCursor readEverything(StreamCursor cursor) {
        try (Jedis jedis = connection()) {
            EventBatch batch;
            while (!(batch = reader.readAfter(jedis, cursor.position(), 0)).isEmpty()) {
                cursor.advance(batch);
            }
        }
        return cursor;
    }

    private StreamState state() {
        try (Jedis jedis = connection()) {
            return reader.state(jedis);
        }
    }

    @Test
    void startingAtTheEndOrTheStartCountsTheEntriesAlreadyAdded() {
        append(3);
        StreamCursor end = StreamCursor.atEnd(state());
        StreamCursor start = StreamCursor.atStart(state());

        assertThat(end.ordinal()).isEqualTo(3);
        assertThat(end.position()).isEqualTo(state().lastGeneratedId());
        assertThat(start.ordinal()).isZero();
        assertThat(start.position()).isEqualTo(EventId.ZERO);
        assertThat(readEverything(start).ordinal()).isEqualTo(3);
        assertThat(start.position()).isEqualTo(end.position());
    }

    @Test
    void aRestartThatKeptTheDataIsTheSameStream() {
        append(5);
        StreamCursor cursor = readEverything(StreamCursor.atStart(state()));
        EventId seen = cursor.position();

        REDIS.restartKeepingData();
        Resumption resumption = cursor.resume(state());

        assertThat(resumption.kind()).isEqualTo(Resumption.Kind.CONTINUOUS);
        assertThat(cursor.position()).isEqualTo(seen);
        append(2);
        try (Jedis jedis = connection()) {
            assertThat(reader.readAfter(jedis, cursor.position(), 0).size()).as("only the new entries").isEqualTo(2);
        }
    }

    @Test
    void aRestartThatLostTheDataIsAGoneStreamAndTheCursorMovesToTheNewStreamsStart() {
        append(5);
        StreamCursor cursor = readEverything(StreamCursor.atStart(state()));

        REDIS.restart();
        Resumption resumption = cursor.resume(state());

        assertThat(resumption.kind()).isEqualTo(Resumption.Kind.STREAM_GONE);
        assertThat(resumption.isLost()).isTrue();
        assertThat(cursor.position()).isEqualTo(EventId.ZERO);
        assertThat(cursor.ordinal()).isZero();
    }

    @Test
    void aNewStreamWrittenBeforeTheReconnectIsAnotherStreamEvenWithHigherIds() {
        append(5);
        StreamCursor cursor = readEverything(StreamCursor.atStart(state()));
        EventId seen = cursor.position();

        REDIS.restart();
        append(2); // written by workers before the follower reconnects: their ids are newer than what it saw
        Resumption resumption = cursor.resume(state());

        assertThat(resumption.kind()).isEqualTo(Resumption.Kind.OTHER_STREAM);
        assertThat(resumption.lastSeen()).isEqualTo(seen);
        assertThat(cursor.position()).isEqualTo(EventId.ZERO);
        assertThat(readEverything(cursor).ordinal()).isEqualTo(2);
    }

    @Test
    void aStreamWhoseNewestIdIsOlderThanTheCursorIsAnOlderStream() {
        append(2);
        StreamCursor cursor = readEverything(StreamCursor.atStart(state()));
        try (Jedis jedis = connection()) {
            jedis.del(KEYS.events());
            jedis.xadd(KEYS.events(), new StreamEntryID(1, 1), Map.of("type", "up", "worker", "old", "ts", "1"));
        }

        Resumption resumption = cursor.resume(state());

        assertThat(resumption.kind()).isEqualTo(Resumption.Kind.OLDER_STREAM);
        assertThat(cursor.position()).isEqualTo(EventId.ZERO);
    }

    @Test
    void unreadEntriesTrimmedMeanwhileAreCountedAndSkipped() {
        append(4);
        StreamCursor cursor = readEverything(StreamCursor.atStart(state()));
        append(10);
        try (Jedis jedis = connection()) {
            jedis.xtrim(KEYS.events(), 3, false); // exact: 11 entries go, of which the cursor had read 4
        }

        Resumption resumption = cursor.resume(state());

        assertThat(resumption.kind()).isEqualTo(Resumption.Kind.TRIMMED);
        assertThat(resumption.missed()).isEqualTo(7);
        assertThat(readEverything(cursor).ordinal()).isEqualTo(14);
        assertThat(cursor.resume(state()).kind()).isEqualTo(Resumption.Kind.CONTINUOUS);
    }

    @Test
    void aCursorAfterAGivenIdDoesNotKnowItsOrdinalAndOnlyChecksTheIds() {
        append(3);
        StreamCursor cursor = StreamCursor.after(state().lastGeneratedId());
        append(10);
        try (Jedis jedis = connection()) {
            jedis.xtrim(KEYS.events(), 2, false);
        }

        assertThat(cursor.ordinal()).isEqualTo(StreamCursor.UNKNOWN);
        assertThat(cursor.resume(state()).kind()).isEqualTo(Resumption.Kind.CONTINUOUS);
    }
}
