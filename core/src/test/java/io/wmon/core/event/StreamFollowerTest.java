package io.wmon.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.core.fleet.FleetKeys;
import io.wmon.test.RedisServerExtension;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.StreamEntryID;

/** One round trip per step, and what a step notices about the stream whatever happened since the last one. */
@Timeout(30)
class StreamFollowerTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final FleetKeys KEYS = FleetKeys.of("follow");
    private final EventStreamReader reader = new EventStreamReader(KEYS);

    @BeforeEach
    void emptyServer() {
        REDIS.flushAll();
    }

    private static void append(String... workers) {
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
            for (String worker : workers) {
                jedis.xadd(KEYS.events(), StreamEntryID.NEW_ENTRY,
                        EventCodec.encode(FleetEvent.of(EventType.UP, worker, "", "starting", 1, "")));
            }
        }
    }

    private static StreamFollower.FollowStep step(StreamFollower follower) {
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port()); AbstractPipeline pipeline = jedis.pipelined()) {
            return follower.next(pipeline, 0);
        }
    }

    private static List<String> workers(StreamFollower.FollowStep step) {
        return step.batch().valid().stream().map(d -> d.event().worker()).collect(Collectors.toList());
    }

    private StreamFollower fromNow() {
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
            return new StreamFollower(reader, StreamCursor.atEnd(reader.state(jedis)));
        }
    }

    @Test
    void aFollowerOfAStreamNotWrittenYetSeesNothingLostAndThenEveryEntry() {
        StreamFollower follower = fromNow();

        assertThat(step(follower).resumption().kind()).isEqualTo(Resumption.Kind.CONTINUOUS);
        append("a", "b");
        StreamFollower.FollowStep step = step(follower);

        assertThat(step.resumption().kind()).isEqualTo(Resumption.Kind.CONTINUOUS);
        assertThat(workers(step)).containsExactly("a", "b");
        assertThat(follower.cursor().ordinal()).isEqualTo(2);
        REDIS.probe().resetStats();
        step(follower);
        assertThat(REDIS.probe().commandCalls()).containsEntry("xread", 1L).containsEntry("xinfo|stream", 1L);
    }

    @Test
    void aRestartWithTheDataKeptGoesOnAfterTheLastEntryRead() {
        append("a");
        StreamFollower follower = fromNow();
        append("b");
        step(follower);

        REDIS.restartKeepingData();
        append("c");
        StreamFollower.FollowStep step = step(follower);

        assertThat(step.resumption().kind()).isEqualTo(Resumption.Kind.CONTINUOUS);
        assertThat(workers(step)).containsExactly("c");
    }

    @Test
    void aRestartThatLostTheDataIsNoticedOnceAndTheNewStreamIsReadFromItsStart() {
        append("a", "b", "c");
        StreamFollower follower = fromNow();
        append("d");
        step(follower);

        REDIS.restart();
        append("new-1");
        StreamFollower.FollowStep lost = step(follower);
        StreamFollower.FollowStep next = step(follower);

        assertThat(lost.resumption().isLost()).isTrue();
        assertThat(lost.batch().isEmpty()).as("what was read from the old position is discarded").isTrue();
        assertThat(next.resumption().kind()).isEqualTo(Resumption.Kind.CONTINUOUS);
        assertThat(workers(next)).containsExactly("new-1");
    }

    @Test
    void entriesTrimmedBeforeTheyWereReadAreCountedAtTheNextStep() {
        StreamFollower follower = fromNow();
        append("a");
        step(follower);
        for (int i = 0; i < 20; i++) {
            append("w" + i);
        }
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
            jedis.xtrim(KEYS.events(), 5, false);
        }

        StreamFollower.FollowStep step = step(follower);

        assertThat(step.resumption().kind()).isEqualTo(Resumption.Kind.TRIMMED);
        assertThat(step.resumption().missed()).isEqualTo(15);
        assertThat(workers(step)).containsExactly("w15", "w16", "w17", "w18", "w19");
        assertThat(step(follower).resumption().kind()).isEqualTo(Resumption.Kind.CONTINUOUS);
    }
}
