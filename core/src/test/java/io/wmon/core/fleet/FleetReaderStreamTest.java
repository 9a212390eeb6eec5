package io.wmon.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wmon.core.heartbeat.HeartbeatWriter;
import io.wmon.core.record.SampleRecords;
import io.wmon.core.record.WorkerState;
import io.wmon.core.redis.PoolSettings;
import io.wmon.core.redis.RedisEndpoint;
import io.wmon.core.redis.RedisUnavailableException;
import io.wmon.core.redis.SharedPool;
import io.wmon.core.redis.SharedPoolRegistry;
import io.wmon.test.RedisServerExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.params.ClientKillParams;

/**
 * {@link FleetReader#stream}: a fleet of several batches handed on batch by batch in id order,
 * the same entries as a whole read, and a Redis that fails midway.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FleetReaderStreamTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final FleetKeys KEYS = FleetKeys.of("stream");
    private static final long NOW = 1_767_225_600_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
    /** Two whole batches and a part: every batch boundary is crossed. */
    private static final int WORKERS = 2 * FleetReader.BATCH_SIZE + FleetReader.BATCH_SIZE / 2;

    private static SharedPool pool;
    private static ExecutorService decoder;
    private FleetReader reader;

    @BeforeAll
    static void open() {
        PoolSettings settings = PoolSettings.defaults().withMaxTotal(1).withTimeouts(Duration.ofSeconds(1))
                .withEviction(Duration.ofHours(1), Duration.ofHours(1));
        pool = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(REDIS.url()), "wmon:test:stream", settings);
        decoder = Executors.newSingleThreadExecutor();
    }

    @AfterAll
    static void close() {
        pool.close();
        decoder.shutdownNow();
    }

    @BeforeEach
    void writeFleet() {
        REDIS.flushAll();
        HeartbeatWriter writer = new HeartbeatWriter(pool, KEYS);
        for (int i = 0; i < WORKERS; i++) {
            // Every 7th stale, every 11th gone, every 13th member no valid id: spread over every batch.
            long beat = i % 7 == 0 ? NOW - 60_000 : NOW - 1_000;
            String id = String.format("w-%05d", i);
            writer.write(SampleRecords.minimal(id, beat, 5_000, i % 2 == 0 ? WorkerState.BUSY : WorkerState.IDLE));
            if (i % 11 == 0) {
                pool.run(client -> client.del(KEYS.worker(id)));
            }
            if (i % 13 == 0) {
                pool.run(client -> client.zadd(KEYS.workers(), NOW, "bad id " + id));
            }
        }
        reader = new FleetReader(pool, KEYS, CLOCK, decoder);
    }

    @Test
    void handsOnEveryEntryBatchByBatchInIdOrderAsAWholeReadListsThem() {
        Batches batches = new Batches();

        StreamedRead read = reader.stream(null, batches);
        FleetSnapshot whole = reader.read();

        assertThat(batches.workerCount).isEqualTo(whole.workerCount());
        assertThat(batches.sizes).allSatisfy(size -> assertThat(size).isBetween(1, FleetReader.BATCH_SIZE));
        assertThat(batches.sizes).hasSize((whole.workerCount() + FleetReader.BATCH_SIZE - 1) / FleetReader.BATCH_SIZE);
        assertThat(describe(batches.entries)).containsExactlyElementsOf(describe(whole.workers()));
        assertThat(read.roundTrips()).isEqualTo(whole.roundTrips());
        FleetCounts counts = read.counts();
        FleetCounts expected = FleetCounts.of(whole);
        assertThat(List.of(counts.workerCount(), counts.aliveCount(), counts.staleCount(), counts.goneCount(),
                counts.invalidCount(), counts.stateCount(WorkerState.BUSY), counts.stateCount(WorkerState.IDLE)))
                .containsExactly(expected.workerCount(), expected.aliveCount(), expected.staleCount(),
                        expected.goneCount(), expected.invalidCount(), expected.stateCount(WorkerState.BUSY),
                        expected.stateCount(WorkerState.IDLE));
        assertThat(counts.staleCount()).isPositive();
        assertThat(counts.goneCount()).isPositive();
        assertThat(counts.invalidCount()).isPositive();
    }

    @Test
    void keepsOnlyTheGoneAndStaleEntriesForTheUpkeep() {
        StreamedRead read = reader.stream(null, new Batches());

        List<WorkerEntry> expected = reader.read().workers().stream()
                .filter(entry -> entry.status() == EntryStatus.GONE || entry.isStaleByDefault())
                .collect(Collectors.toList());
        assertThat(describe(read.silent().workers())).containsExactlyElementsOf(describe(expected));
        assertThat(read.silent().workerCount()).isLessThan(read.counts().workerCount());
    }

    @Test
    void aFailureOfTheSinkEndsTheReadAndReachesTheCaller() {
        Batches batches = new Batches();
        IllegalStateException broken = new IllegalStateException("the output is closed");
        batches.after(1, () -> {
            throw broken;
        });

        assertThatThrownBy(() -> reader.stream(null, batches)).isSameAs(broken);
        assertThat(batches.sizes).hasSize(1);
    }

    @Test
    void aConnectionKilledMidwayFailsTheReadWithoutStartingItOver() {
        Batches batches = new Batches();
        batches.after(1, () -> admin(jedis -> jedis.clientKill(new ClientKillParams().type(ClientType.NORMAL)
                .skipMe(ClientKillParams.SkipMe.YES))));

        assertThatThrownBy(() -> reader.stream(null, batches)).isInstanceOf(RedisUnavailableException.class);
        List<String> ids = batches.entries.stream().map(WorkerEntry::id).collect(Collectors.toList());
        assertThat(ids).doesNotHaveDuplicates().isSorted().isNotEmpty();
        assertThat(ids.size()).isLessThan(batches.workerCount);
    }

    private static List<String> describe(List<WorkerEntry> entries) {
        return entries.stream().map(entry -> entry.id() + " " + entry.status() + " " + entry.ageMillis() + " "
                + entry.problem()).collect(Collectors.toList());
    }

    private static void admin(Consumer<Jedis> action) {
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
            action.accept(jedis);
        }
    }

    /** Records what a stream hands on; may run {@code action} after a given batch. */
    private static final class Batches implements FleetStream {
        final List<Integer> sizes = new ArrayList<>();
        final List<WorkerEntry> entries = new ArrayList<>();
        int workerCount = -1;
        private int actionAfter;
        private Runnable action;

        void after(int batch, Runnable then) {
            this.actionAfter = batch;
            this.action = then;
        }

        @Override
        public void start(String namespace, long generatedAtMillis, int workers) {
            assertThat(sizes).as("start comes first, once").isEmpty();
            assertThat(generatedAtMillis).isEqualTo(NOW);
            workerCount = workers;
        }

        @Override
        public void batch(List<WorkerEntry> batch) {
            sizes.add(batch.size());
            entries.addAll(batch);
            if (action != null && sizes.size() == actionAfter) {
                action.run();
            }
        }
    }
}
