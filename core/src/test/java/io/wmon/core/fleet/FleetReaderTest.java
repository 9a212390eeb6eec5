package io.wmon.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wmon.core.heartbeat.HeartbeatWriter;
import io.wmon.core.record.SampleRecords;
import io.wmon.core.record.WorkerRecord;
import io.wmon.core.record.WorkerRecordCodec;
import io.wmon.core.record.WorkerState;
import io.wmon.core.redis.PoolSettings;
import io.wmon.core.redis.RedisEndpoint;
import io.wmon.core.redis.RedisUnavailableException;
import io.wmon.core.redis.SharedPool;
import io.wmon.core.redis.SharedPoolRegistry;
import io.wmon.test.RedisProbe;
import io.wmon.test.RedisServerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Classification, and garbage that anyone with access to Redis may leave in a namespace. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FleetReaderTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final FleetKeys KEYS = FleetKeys.of("reader");
    private static final long NOW = 1_767_225_600_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);

    private static SharedPool pool;
    private static RedisProbe probe;
    private HeartbeatWriter writer;
    private FleetReader reader;

    @BeforeAll
    static void openPool() {
        PoolSettings settings = PoolSettings.defaults().withTimeouts(Duration.ofSeconds(1))
                .withEviction(Duration.ofHours(1), Duration.ofHours(1));
        pool = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(REDIS.url()), "wmon:test:reader", settings);
        probe = REDIS.probe();
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @BeforeEach
    void emptyServer() {
        REDIS.flushAll();
        writer = new HeartbeatWriter(pool, KEYS);
        reader = new FleetReader(pool, KEYS, CLOCK);
    }

    @Test
    void classifiesEveryKindOfEntryAndOneBadRecordNeverFailsTheListing() {
        writer.write(record("alive-busy", NOW - 1_000, WorkerState.BUSY));
        writer.write(record("alive-idle", NOW - 14_000, WorkerState.IDLE));
        writer.write(record("stale", NOW - 60_000, WorkerState.BUSY));
        writer.write(record("gone", NOW - 90_000, WorkerState.IDLE));
        pool.run(client -> client.del(KEYS.worker("gone")));
        writer.write(record("extra-field", NOW, WorkerState.IDLE));
        pool.run(client -> client.hset(KEYS.worker("extra-field"), "from_the_future", "x"));
        writer.write(record("bad-counter", NOW, WorkerState.IDLE));
        pool.run(client -> client.hset(KEYS.worker("bad-counter"), "processed", "lots"));
        writer.write(record("binary-host", NOW, WorkerState.IDLE));
        hsetBytes("binary-host", "host", new byte[] {'h', (byte) 0xFF, (byte) 0xFE});
        writer.write(record("binary-beat", NOW, WorkerState.IDLE));
        hsetBytes("binary-beat", "beat", new byte[] {(byte) 0xC3, (byte) 0x28});
        writer.write(record("garbage", NOW, WorkerState.IDLE));
        pool.run(client -> client.hset(KEYS.worker("garbage"), "beat", "yesterday"));
        writer.write(record("future", NOW, WorkerState.IDLE));
        pool.run(client -> client.hset(KEYS.worker("future"), "v", "2"));
        register("missing-fields", NOW, Map.of("v", "1", "id", "missing-fields", "beat", Long.toString(NOW)));
        register("string-key", NOW, null);
        pool.run(client -> client.set(KEYS.worker("string-key"), "I am not a hash"));
        register("list-key", NOW, null);
        pool.run(client -> client.rpush(KEYS.worker("list-key"), "nor am I"));
        register("copied", NOW, WorkerRecordCodec.encode(record("original", NOW, WorkerState.IDLE)));
        pool.run(client -> client.zadd(KEYS.workers(), NOW, "no spaces allowed"));
        probe.resetStats();

        FleetSnapshot snapshot = reader.read();

        assertThat(statuses(snapshot)).containsExactly(
                Map.entry("alive-busy", EntryStatus.ALIVE),
                Map.entry("alive-idle", EntryStatus.ALIVE),
                Map.entry("bad-counter", EntryStatus.ALIVE),
                Map.entry("binary-beat", EntryStatus.INVALID),
                Map.entry("binary-host", EntryStatus.ALIVE),
                Map.entry("copied", EntryStatus.INVALID),
                Map.entry("extra-field", EntryStatus.ALIVE),
                Map.entry("future", EntryStatus.INVALID),
                Map.entry("garbage", EntryStatus.INVALID),
                Map.entry("gone", EntryStatus.GONE),
                Map.entry("list-key", EntryStatus.INVALID),
                Map.entry("missing-fields", EntryStatus.INVALID),
                Map.entry("no spaces allowed", EntryStatus.INVALID),
                Map.entry("stale", EntryStatus.STALE),
                Map.entry("string-key", EntryStatus.INVALID));
        assertThat(problems(snapshot)).containsOnly(
                Map.entry("bad-counter", "processed: 'lots' is not a whole number in 0..9223372036854775807"),
                Map.entry("binary-beat", "beat '\uFFFD(' is not a whole number in 0..9223372036854775807"),
                Map.entry("binary-host", "host: contains bytes that are not UTF-8 (shown as U+FFFD)"),
                Map.entry("copied", "the record's id 'original' differs from its registry member"),
                Map.entry("future", "schema version '2' is not supported (this reader knows v1)"),
                Map.entry("garbage", "beat 'yesterday' is not a whole number in 0..9223372036854775807"),
                Map.entry("list-key", "wmon:{reader}:worker:list-key is not a hash (WRONGTYPE)"),
                Map.entry("missing-fields", "no interval (field interval)"),
                Map.entry("no spaces allowed", "registry member is not a valid worker id (" + FleetKeys.WORKER_ID_FORM + ")"),
                Map.entry("string-key", "wmon:{reader}:worker:string-key is not a hash (WRONGTYPE)"));
        assertThat(snapshot.workerCount()).isEqualTo(15);
        assertThat(List.of(snapshot.aliveCount(), snapshot.staleCount(), snapshot.goneCount(), snapshot.invalidCount()))
                .containsExactly(5, 1, 1, 8);
        assertThat(snapshot.busyCount()).as("busy counts alive workers only").isEqualTo(1);
        assertThat(snapshot.idleCount()).isEqualTo(4);
        assertThat(snapshot.generatedAtMillis()).isEqualTo(NOW);
        assertThat(snapshot.roundTrips()).isEqualTo(2);
        assertThat(probe.commandCalls()).containsExactlyInAnyOrderEntriesOf(Map.of("zrange", 1L, "hgetall", 14L));
    }

    @Test
    void entriesCarryAgeStaleAfterAndRecord() {
        writer.write(record("w-1", NOW - 4_000, WorkerState.BUSY));
        writer.write(record("w-2", NOW - 90_000, WorkerState.IDLE));
        pool.run(client -> client.del(KEYS.worker("w-2")));

        FleetSnapshot snapshot = reader.read();

        WorkerEntry alive = snapshot.find("w-1").orElseThrow();
        assertThat(alive.ageMillis()).isEqualTo(4_000);
        assertThat(alive.beatMillis()).isEqualTo(NOW - 4_000);
        assertThat(alive.staleAfterMillis()).isEqualTo(15_000);
        assertThat(alive.record()).isEqualTo(record("w-1", NOW - 4_000, WorkerState.BUSY));
        assertThat(alive.problem()).isEmpty();
        WorkerEntry gone = snapshot.find("w-2").orElseThrow();
        assertThat(gone.ageMillis()).as("aged by the registry score").isEqualTo(90_000);
        assertThat(gone.staleAfterMillis()).isEqualTo(WorkerRecord.UNKNOWN);
    }

    @Test
    void aStaleAfterOverrideAppliesToEveryWorker() {
        writer.write(record("w-1", NOW - 2_000, WorkerState.BUSY));

        assertThat(reader.read().find("w-1").orElseThrow().status()).isEqualTo(EntryStatus.ALIVE);
        assertThat(reader.read(Duration.ofSeconds(1)).find("w-1").orElseThrow().status()).isEqualTo(EntryStatus.STALE);
        assertThatIllegalArgumentException().isThrownBy(() -> reader.read(Duration.ZERO));
    }

    @Test
    void anEmptyNamespaceTakesOneRoundTrip() {
        probe.resetStats();

        FleetSnapshot snapshot = reader.read();

        assertThat(snapshot.workers()).isEmpty();
        assertThat(snapshot.roundTrips()).isEqualTo(1);
        assertThat(snapshot.namespace()).isEqualTo("reader");
        assertThat(probe.commandCalls()).containsExactly(Map.entry("zrange", 1L));
    }

    @Test
    void aRegistryOfAnotherTypeFailsWithOneClearLine() {
        pool.run(client -> client.set(KEYS.workers(), "oops"));

        assertThatIllegalStateException().isThrownBy(() -> reader.read())
                .withMessageStartingWith("cannot read the worker registry wmon:{reader}:workers (WRONGTYPE")
                .withMessageEndingWith("is another application using namespace reader?");
    }

    @Test
    void aStoppedServerIsReportedNotHidden() {
        writer.write(record("w-1", NOW, WorkerState.BUSY));
        REDIS.stop();
        try {
            // The pooled connection sees "end of stream" first, then new ones "connection refused".
            assertThatThrownBy(() -> reader.read()).isInstanceOf(RedisUnavailableException.class)
                    .hasMessageStartingWith("cannot reach Redis at redis://127.0.0.1:");
        } finally {
            REDIS.start();
        }
        assertThat(reader.read().workers()).isEmpty();
    }

    @Test
    void aFrozenServerTimesOut() {
        reader.read(); // the pooled connection exists, so the freeze hits a read, not a connect
        REDIS.pause();
        try {
            assertThatThrownBy(() -> reader.read()).isInstanceOf(RedisUnavailableException.class)
                    .hasMessageContaining("timed out");
        } finally {
            REDIS.resume();
        }
        assertThat(reader.read().roundTrips()).isEqualTo(1);
    }

    private static WorkerRecord record(String id, long beat, WorkerState state) {
        return SampleRecords.minimal(id, beat, 5_000, state);
    }

    /** A registry member whose hash is {@code hash} (written without expiry), or untouched when null. */
    private static void register(String id, long score, Map<String, String> hash) {
        pool.run(client -> {
            client.zadd(KEYS.workers(), score, id);
            if (hash != null) {
                client.hset(KEYS.worker(id), new HashMap<>(hash));
            }
        });
    }

    /** Writes bytes that are not UTF-8; Jedis will read them back as U+FFFD. */
    private static void hsetBytes(String id, String field, byte[] value) {
        byte[] key = KEYS.worker(id).getBytes(StandardCharsets.UTF_8);
        pool.run(client -> client.hset(key, field.getBytes(StandardCharsets.UTF_8), value));
    }

    private static Map<String, EntryStatus> statuses(FleetSnapshot snapshot) {
        return snapshot.workers().stream().collect(Collectors.toMap(WorkerEntry::id, WorkerEntry::status,
                (a, b) -> a, java.util.LinkedHashMap::new));
    }

    private static Map<String, String> problems(FleetSnapshot snapshot) {
        return snapshot.workers().stream().filter(entry -> !entry.problems().isEmpty())
                .collect(Collectors.toMap(WorkerEntry::id, WorkerEntry::problem));
    }
}
