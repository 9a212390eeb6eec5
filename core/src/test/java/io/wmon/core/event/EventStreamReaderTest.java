package io.wmon.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.wmon.core.fleet.FleetKeys;
import io.wmon.test.RedisServerExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;

/** {@code XREAD BLOCK} on a connection it is given: what comes after an id, as soon as it comes. */
@Timeout(30)
class EventStreamReaderTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final FleetKeys KEYS = FleetKeys.of("read");
    private final EventStreamReader reader = new EventStreamReader(KEYS);
    private final EventAppender appender = new EventAppender(KEYS);

    @BeforeEach
    void emptyServer() {
        REDIS.flushAll();
    }

    private static Jedis connection() {
        return new Jedis(REDIS.host(), REDIS.port());
    }

    private static FleetEvent event(String worker, long ts) {
        return FleetEvent.of(EventType.UP, worker, "", "starting", ts, "");
    }

    private void append(Jedis jedis, FleetEvent event) {
        jedis.xadd(KEYS.events(), StreamEntryID.NEW_ENTRY, EventCodec.encode(event));
    }

    @Test
    void readsOnlyWhatComesAfterTheIdAndStopsAtTheLastEntryRead() {
        try (Jedis jedis = connection()) {
            append(jedis, event("a", 1));
            append(jedis, event("b", 2));
            EventBatch first = reader.readAfter(jedis, EventId.ZERO, 0);
            append(jedis, event("c", 3));

            EventBatch next = reader.readAfter(jedis, first.lastId(), 0);

            assertThat(first.valid()).extracting(d -> d.event().worker()).containsExactly("a", "b");
            assertThat(next.valid()).extracting(d -> d.event().worker()).containsExactly("c");
            assertThat(next.lastId()).isGreaterThan(first.lastId());
        }
    }

    @Test
    void aBlockingReadWaitsForTheBlockAndReturnsAtOnceWhenAnEntryArrives() throws Exception {
        try (Jedis waiting = connection(); Jedis writer = connection()) {
            long started = System.nanoTime();
            EventBatch nothing = reader.readAfter(waiting, EventId.ZERO, 300);
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(nothing.isEmpty()).isTrue();
            assertThat(nothing.lastId()).isEqualTo(EventId.ZERO);
            assertThat(waitedMillis).as("a block with nothing to read lasts the block").isGreaterThanOrEqualTo(250);

            CompletableFuture<EventBatch> read = CompletableFuture.supplyAsync(
                    () -> reader.readAfter(waiting, EventId.ZERO, 1_500));
            Thread.sleep(100);
            long appended = System.nanoTime();
            append(writer, event("late", 9));
            EventBatch arrived = read.get();
            long latencyMillis = (System.nanoTime() - appended) / 1_000_000;

            assertThat(arrived.valid()).extracting(d -> d.event().worker()).containsExactly("late");
            System.out.printf("measured: XADD to a blocked XREAD returning: %d ms%n", latencyMillis);
            assertThat(latencyMillis).as("returns well before the block ends").isLessThan(1_000);
        }
    }

    @Test
    void invalidEntriesAreReturnedAsInvalidBetweenValidOnes() {
        try (Jedis jedis = connection()) {
            append(jedis, event("a", 1));
            jedis.xadd(KEYS.events(), StreamEntryID.NEW_ENTRY, Map.of("type", "nonsense", "worker", "x", "ts", "1"));
            append(jedis, event("b", 2));

            EventBatch batch = reader.readAfter(jedis, EventId.ZERO, 0);

            assertThat(batch.size()).isEqualTo(3);
            assertThat(batch.invalidCount()).isEqualTo(1);
            assertThat(batch.valid()).extracting(d -> d.event().worker()).containsExactly("a", "b");
            assertThat(batch.entries().get(1).invalidReason()).startsWith("type 'nonsense' is not one of");
        }
    }

    @Test
    void aReadReturnsAtMostMaxCountEntries() {
        try (Jedis jedis = connection()) {
            redis.clients.jedis.Pipeline pipeline = jedis.pipelined();
            appender.appendAll(pipeline, java.util.Collections.nCopies(EventStreamReader.MAX_COUNT + 5, event("many", 1)));
            pipeline.sync();
            EventBatch first = reader.readAfter(jedis, EventId.ZERO, 0);
            EventBatch rest = reader.readAfter(jedis, first.lastId(), 0);

            assertThat(first.size()).isEqualTo(EventStreamReader.MAX_COUNT);
            assertThat(rest.size()).isEqualTo(5);
        }
    }

    @Test
    void aKeyOfAnotherTypeIsNamedInTheError() {
        try (Jedis jedis = connection()) {
            jedis.set(KEYS.events(), "not a stream");

            assertThatIllegalStateException().isThrownBy(() -> reader.readAfter(jedis, EventId.ZERO, 0))
                    .withMessageContaining(KEYS.events()).withMessageContaining("WRONGTYPE");
            assertThatIllegalStateException().isThrownBy(() -> reader.state(jedis))
                    .withMessageContaining(KEYS.events());
        }
    }

    @Test
    void anIdBeyondTheLongRangeIsOneClearErrorNamingTheFix() {
        try (Jedis jedis = connection()) {
            REDIS.probe().command("XADD", KEYS.events(), "18446744073709551614-0", "type", "up");

            assertThatIllegalStateException().isThrownBy(() -> reader.readAfter(jedis, EventId.ZERO, 0))
                    .withMessageContaining("beyond 9223372036854775807-0").withMessageContaining("DEL " + KEYS.events());
            assertThatIllegalStateException().isThrownBy(() -> reader.state(jedis)).withMessageContaining("beyond");
            redis.clients.jedis.Pipeline pipeline = jedis.pipelined();
            AppendBatch batch = appender.appendAll(pipeline, List.of(event("after", 1)));
            pipeline.sync();
            AppendResult written = batch.result();
            assertThat(written.writtenCount()).as("an append still works, under an id past the long range").isOne();
            assertThat(written.ids()).isEmpty();
        }
    }

    @Test
    void theStateOfAMissingAndOfAWrittenStream() {
        try (Jedis jedis = connection()) {
            StreamState missing = reader.state(jedis);
            assertThat(missing.exists()).isFalse();
            assertThat(missing.lastGeneratedId()).isEqualTo(EventId.ZERO);

            List<FleetEvent> three = List.of(event("a", 1), event("b", 2), event("c", 3));
            three.forEach(e -> append(jedis, e));
            jedis.xtrim(KEYS.events(), 2, false);
            StreamState written = reader.state(jedis);

            assertThat(written.exists()).isTrue();
            assertThat(written.length()).isEqualTo(2);
            assertThat(written.entriesAdded()).isEqualTo(3);
            assertThat(written.entriesRemoved()).isEqualTo(1);
            assertThat(written.firstEntryId()).isNotNull().isLessThan(written.lastGeneratedId());
        }
    }
}
