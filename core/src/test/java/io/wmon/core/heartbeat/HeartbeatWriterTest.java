package io.wmon.core.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.record.DecodedRecord;
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
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HeartbeatWriterTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final FleetKeys KEYS = FleetKeys.of("hb");
    private static final long NOW = System.currentTimeMillis();

    private static SharedPool pool;
    private static RedisProbe probe;
    private HeartbeatWriter writer;

    @BeforeAll
    static void openPool() {
        // No eviction run during a test: its PING would not disturb the stats, but its timing would be luck.
        PoolSettings settings = PoolSettings.defaults().withEviction(Duration.ofHours(1), Duration.ofHours(1));
        pool = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(REDIS.url()), "wmon:test:heartbeat", settings);
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
    }

    @Test
    void theRecordAppearsWithEveryField() {
        WorkerRecord record = SampleRecords.full("w-1", NOW);

        writer.write(record);

        Map<String, String> hash = hash("w-1");
        assertThat(hash).isEqualTo(WorkerRecordCodec.encode(record));
        DecodedRecord decoded = WorkerRecordCodec.decode(hash);
        assertThat(decoded.problems()).isEmpty();
        assertThat(decoded.record()).isEqualTo(record);
    }

    @Test
    void theHashLivesThreeIntervalsButAtLeastFifteenSeconds() {
        writer.write(SampleRecords.minimal("slow", NOW, 10_000, WorkerState.IDLE));
        writer.write(SampleRecords.minimal("fast", NOW, 1_000, WorkerState.IDLE));

        assertThat(pttl("slow")).isBetween(29_000L, 30_000L);
        assertThat(pttl("fast")).isBetween(14_000L, 15_000L);
        assertThat(HeartbeatWriter.ttlMillis(5_000)).isEqualTo(15_000);
        assertThat(HeartbeatWriter.ttlMillis(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void theRegistryScoreIsTheBeat() {
        writer.write(SampleRecords.minimal("w-1", NOW, 5_000, WorkerState.IDLE));
        writer.write(SampleRecords.minimal("w-1", NOW + 5_000, 5_000, WorkerState.BUSY));

        assertThat(score("w-1")).isEqualTo((double) (NOW + 5_000));
        assertThat(registrySize()).isEqualTo(1);
    }

    @Test
    void aWriteIsOneRoundTripOfThreeCommands() {
        writer.write(SampleRecords.minimal("warm-up", NOW, 5_000, WorkerState.IDLE)); // opens the pooled connection
        probe.resetStats();

        writer.write(SampleRecords.full("w-1", NOW));

        assertThat(probe.commandCalls()).containsExactlyInAnyOrderEntriesOf(
                Map.of("hset", 1L, "pexpire", 1L, "zadd", 1L));
    }

    @Test
    void aValueThatBecameUnknownIsOverwrittenNotLeftStale() {
        WorkerRecord busy = SampleRecords.full("w-1", NOW);
        writer.write(busy);

        writer.write(busy.toBuilder().beatMillis(NOW + 5_000).job("").pid(WorkerRecord.UNKNOWN).build());

        Map<String, String> hash = hash("w-1");
        assertThat(hash).containsEntry("job", "").containsEntry("pid", "").containsEntry("beat", Long.toString(NOW + 5_000));
    }

    @Test
    void markStoppedLeavesAStoppedRecordAndLeavesTheRegistry() {
        WorkerRecord record = SampleRecords.full("w-1", NOW);
        writer.write(record);
        probe.resetStats();

        writer.markStopped(record);

        assertThat(probe.commandCalls()).containsExactlyInAnyOrderEntriesOf(
                Map.of("hset", 1L, "pexpire", 1L, "zrem", 1L));
        assertThat(hash("w-1")).containsEntry("state", "stopped");
        assertThat(score("w-1")).isNull();
        assertThat(pttl("w-1")).isPositive();
    }

    @Test
    void markStoppedAfterTheHashExpiredLeavesNoHashWithoutExpiry() {
        WorkerRecord record = SampleRecords.full("w-1", NOW);
        writer.write(record);
        pool.run(client -> client.del(KEYS.worker("w-1")));

        writer.markStopped(record);

        assertThat(pttl("w-1")).isBetween(14_000L, 15_000L);
        assertThat(WorkerRecordCodec.decode(hash("w-1")).record())
                .isEqualTo(record.toBuilder().state(WorkerState.STOPPED).build());
    }

    @Test
    void aKeyOfAnotherTypeIsReportedInOneLine() {
        pool.run(client -> client.set(KEYS.worker("w-1"), "not a hash"));

        assertThatIllegalStateException().isThrownBy(() -> writer.write(SampleRecords.full("w-1", NOW)))
                .withMessageStartingWith("Redis rejected the heartbeat of worker w-1 in namespace hb (WRONGTYPE")
                .withMessageContaining("wmon:{hb}:worker:w-1")
                .withMessageNotContaining("\n");
    }

    @Test
    void anIdThatCannotBeKeyedSendsNothing() {
        probe.resetStats();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> writer.write(SampleRecords.minimal("no spaces", NOW, 5_000, WorkerState.IDLE)))
                .withMessageStartingWith("invalid worker id 'no spaces'");
        assertThat(probe.totalCommandCalls()).isZero();
    }

    @Test
    void aStoppedServerIsReportedAsUnavailable() {
        REDIS.stop();
        try {
            assertThatThrownBy(() -> writer.write(SampleRecords.full("w-1", NOW)))
                    .isInstanceOf(RedisUnavailableException.class)
                    .hasMessageStartingWith("cannot reach Redis at redis://");
        } finally {
            REDIS.start();
        }
        writer.write(SampleRecords.full("w-1", NOW));
        assertThat(hash("w-1")).isNotEmpty();
    }

    // Typed helpers: assertThat(pool.call(lambda)) is ambiguous to javac among AssertJ's overloads.

    private static long pttl(String id) {
        return pool.call(client -> client.pttl(KEYS.worker(id)));
    }

    @Test
    void changesOnlySendsWhatChangedAndTheHashStaysWhole() {
        WorkerRecord first = SampleRecords.full("w-d", NOW);
        Map<String, String> written = writer.writeChanges(first, null);
        WorkerRecord second = first.toBuilder().beatMillis(NOW + 1_000).processedCount(first.processedCount() + 1).build();
        WorkerRecord third = second.toBuilder().beatMillis(NOW + 2_000).build();

        long fullBytes = inputBytesDuring(() -> writer.write(second));
        long changedBytes = inputBytesDuring(() -> writer.writeChanges(third, writer.writeChanges(second, written)));

        assertThat(hash("w-d")).isEqualTo(WorkerRecordCodec.encode(third));
        // Two beats of changed fields cost less than one whole record on the wire.
        assertThat(changedBytes).isLessThan(fullBytes);
        assertThat(score("w-d")).isEqualTo((double) (NOW + 2_000));
    }

    @Test
    void changesAfterTheHashWasLostWriteTheWholeRecordAgain() {
        WorkerRecord first = SampleRecords.full("w-lost", NOW);
        Map<String, String> written = writer.writeChanges(first, null);
        pool.run(client -> client.del(KEYS.worker("w-lost")));
        WorkerRecord second = first.toBuilder().beatMillis(NOW + 1_000).build();

        writer.writeChanges(second, written);

        assertThat(hash("w-lost")).isEqualTo(WorkerRecordCodec.encode(second));
        long ttl = pool.call(client -> client.pttl(KEYS.worker("w-lost")));
        assertThat(ttl).isPositive();
    }

    /** Regression: after {@code HDEL … host v pid} the record stayed invalid forever, as only changed fields were sent. */
    @Test
    void aRecordThatLostSomeFieldsIsWrittenWholeAtTheNextBeat() {
        WorkerRecord first = SampleRecords.full("w-hdel", NOW);
        Map<String, String> written = writer.writeChanges(first, null);
        pool.run(client -> client.hdel(KEYS.worker("w-hdel"), "host", "v", "pid"));
        WorkerRecord second = first.toBuilder().beatMillis(NOW + 1_000).build();

        writer.writeChanges(second, written);

        assertThat(hash("w-hdel")).isEqualTo(WorkerRecordCodec.encode(second));
        assertThat(WorkerRecordCodec.decode(hash("w-hdel")).isValid()).isTrue();
    }

    @Test
    void aHashWithExtraFieldsIsNotRewrittenEveryBeat() {
        WorkerRecord first = SampleRecords.full("w-extra", NOW);
        Map<String, String> written = writer.writeChanges(first, null);
        pool.run(client -> client.hset(KEYS.worker("w-extra"), "someone_elses", "field"));
        WorkerRecord second = first.toBuilder().beatMillis(NOW + 1_000).build();

        long changedBytes = inputBytesDuring(() -> writer.writeChanges(second, written));
        long wholeBytes = inputBytesDuring(() -> writer.write(second));

        assertThat(changedBytes).as("only the changed fields were sent").isLessThan(wholeBytes / 2);
        assertThat(hash("w-extra")).containsEntry("beat", Long.toString(NOW + 1_000));
    }

    @Test
    void anAclRefusalNamesTheCommandAndTheGrant() {
        admin(jedis -> jedis.aclSetUser("beat", "on", ">pw", "~wmon:*", "+@all", "-hset"));
        String url = REDIS.url().replace("redis://", "redis://beat:pw@");
        try (SharedPool limited = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(url), "wmon:test:acl",
                PoolSettings.defaults())) {
            HeartbeatWriter refused = new HeartbeatWriter(limited, KEYS);

            assertThatThrownBy(() -> refused.writeChanges(SampleRecords.full("w-acl", NOW), null))
                    .isInstanceOf(RedisUnavailableException.class)
                    .satisfies(e -> assertThat(((RedisUnavailableException) e).reason())
                            .isEqualTo(RedisUnavailableException.Reason.PERMISSION_DENIED))
                    .hasMessageContaining("refused HSET to user beat (NOPERM); grant it with ACL SETUSER beat +hset")
                    .hasMessageNotContaining("pw@");
        } finally {
            admin(jedis -> jedis.aclDelUser("beat"));
        }
    }

    private static void admin(Consumer<Jedis> action) {
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
            action.accept(jedis);
        }
    }

    private static long inputBytesDuring(Runnable work) {
        long before = inputBytes();
        work.run();
        return inputBytes() - before;
    }

    private static long inputBytes() {
        for (String line : probe.info("stats").split("\r?\n")) {
            if (line.startsWith("total_net_input_bytes:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        throw new IllegalStateException("no total_net_input_bytes in INFO stats");
    }

    private static Map<String, String> hash(String id) {
        return pool.call(client -> client.hgetAll(KEYS.worker(id)));
    }

    private static Double score(String id) {
        return pool.call(client -> client.zscore(KEYS.workers(), id));
    }

    private static long registrySize() {
        return pool.call(client -> client.zcard(KEYS.workers()));
    }
}
