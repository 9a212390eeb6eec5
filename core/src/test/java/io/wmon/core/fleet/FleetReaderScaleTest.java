package io.wmon.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.core.record.SampleRecords;
import io.wmon.core.record.WorkerRecord;
import io.wmon.core.record.WorkerRecordCodec;
import io.wmon.core.record.WorkerState;
import io.wmon.core.redis.PoolSettings;
import io.wmon.core.redis.PoolStats;
import io.wmon.core.redis.RedisEndpoint;
import io.wmon.core.redis.SharedPool;
import io.wmon.core.redis.SharedPoolRegistry;
import io.wmon.test.RedisProbe;
import io.wmon.test.RedisServerExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.AbstractPipeline;

/**
 * Pins down the cost of a read: a fleet of 10,000 is read in batches on one connection, never
 * with a round trip per worker (the shape that made earlier monitors slow and chatty).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FleetReaderScaleTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final int WORKERS = 10_000;
    private static final FleetKeys KEYS = FleetKeys.of("scale");
    private static final String CLIENT_NAME = "wmon:test:scale";

    private static SharedPool pool;
    private static RedisProbe probe;

    @BeforeAll
    static void writeTenThousandRecords() {
        PoolSettings settings = PoolSettings.defaults().withTimeouts(Duration.ofSeconds(10))
                .withEviction(Duration.ofHours(1), Duration.ofHours(1));
        pool = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(REDIS.url()), CLIENT_NAME, settings);
        probe = REDIS.probe();
        long now = System.currentTimeMillis();
        pool.run(client -> {
            try (AbstractPipeline pipeline = client.pipelined()) {
                for (int i = 0; i < WORKERS; i++) {
                    String id = String.format("worker-%05d", i);
                    WorkerRecord record = SampleRecords.full(id, now).toBuilder()
                            .state(i % 2 == 0 ? WorkerState.BUSY : WorkerState.IDLE).build();
                    pipeline.hset(KEYS.worker(id), WorkerRecordCodec.encode(record));
                    pipeline.pexpire(KEYS.worker(id), 600_000);
                    pipeline.zadd(KEYS.workers(), now, id);
                    if (i % 1_000 == 999) {
                        pipeline.sync();
                    }
                }
            }
        });
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @Test
    void readsTenThousandWorkersInElevenRoundTripsOnOneConnection() {
        FleetReader reader = new FleetReader(pool, KEYS, Clock.systemUTC());
        PoolStats before = pool.stats();
        probe.resetStats();

        long started = System.nanoTime();
        FleetSnapshot snapshot = reader.read();
        long firstReadMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(snapshot.roundTrips()).isLessThanOrEqualTo(WORKERS / FleetReader.BATCH_SIZE + 2).isEqualTo(11);
        assertThat(probe.commandCalls()).containsExactlyInAnyOrderEntriesOf(
                Map.of("zrange", 1L, "hgetall", (long) WORKERS));
        assertThat(pool.stats().createdCount()).as("no connection opened for the read")
                .isEqualTo(before.createdCount());
        assertThat(pool.stats().borrowedCount() - before.borrowedCount()).as("one borrow per read").isEqualTo(1);
        assertThat(probe.countClients(CLIENT_NAME)).isEqualTo(1);
        assertThat(snapshot.workerCount()).isEqualTo(WORKERS);
        assertThat(snapshot.aliveCount()).isEqualTo(WORKERS);
        assertThat(snapshot.busyCount()).isEqualTo(WORKERS / 2);
        assertThat(snapshot.workers().get(0).id()).isEqualTo("worker-00000");
        assertThat(snapshot.workers().get(WORKERS - 1).id()).isEqualTo("worker-09999");

        long[] warmMillis = new long[5];
        for (int i = 0; i < warmMillis.length; i++) {
            long t = System.nanoTime();
            assertThat(reader.read().roundTrips()).isEqualTo(11);
            warmMillis[i] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t);
        }
        Arrays.sort(warmMillis);
        System.out.printf("FleetReader: %d workers, %d round trips, first read %d ms, warm reads %s ms%n",
                WORKERS, snapshot.roundTrips(), firstReadMillis, Arrays.toString(warmMillis));
    }

    @Test
    void decodingOnAnotherThreadGivesTheSameListingInTheSameRoundTrips() throws Exception {
        ExecutorService decoder = Executors.newSingleThreadExecutor();
        try {
            FleetSnapshot sequential = new FleetReader(pool, KEYS, Clock.systemUTC()).read();
            probe.resetStats();

            FleetSnapshot overlapped = new FleetReader(pool, KEYS, Clock.systemUTC(), decoder).read();

            assertThat(overlapped.roundTrips()).isEqualTo(11);
            assertThat(probe.commandCalls()).containsExactlyInAnyOrderEntriesOf(
                    Map.of("zrange", 1L, "hgetall", (long) WORKERS));
            assertThat(overlapped.workers()).extracting(WorkerEntry::id, WorkerEntry::status)
                    .containsExactlyElementsOf(sequential.workers().stream()
                            .map(e -> org.assertj.core.groups.Tuple.tuple(e.id(), e.status())).toList());
            assertThat(overlapped.workers()).extracting(e -> e.record().processedCount())
                    .containsExactlyElementsOf(sequential.workers().stream().map(e -> e.record().processedCount()).toList());
        } finally {
            decoder.shutdownNow();
        }
    }
}
