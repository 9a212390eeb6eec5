package io.wmon.cli.fleetview;

import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.core.event.EventAppender;
import io.wmon.core.event.EventType;
import io.wmon.core.event.FleetEvent;
import io.wmon.core.fleet.EntryStatus;
import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.fleet.FleetReader;
import io.wmon.core.fleet.FleetSnapshot;
import io.wmon.core.fleet.WorkerEntry;
import io.wmon.core.record.WorkerRecord;
import io.wmon.core.record.WorkerRecordCodec;
import io.wmon.core.record.WorkerState;
import io.wmon.core.redis.PoolSettings;
import io.wmon.core.redis.RedisEndpoint;
import io.wmon.core.redis.SharedPool;
import io.wmon.core.redis.SharedPoolRegistry;
import io.wmon.test.RedisServerExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.AbstractPipeline;

/** status --continuous's read against a real Redis: between full reads, as exact as a full read where it matters. */
@Timeout(120)
class EventFedFleetReadTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final FleetKeys KEYS = FleetKeys.of("fed");
    private static final int WORKERS = EventFedFleetRead.MIN_WORKERS + 200;

    private SharedPool pool;
    private FleetReader reader;
    private long now;
    private final MovableClock clock = new MovableClock();

    @BeforeEach
    void open() {
        try (Jedis jedis = jedis()) {
            jedis.flushAll();
        }
        pool = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(REDIS.url()), "wmon:cli:fed:1", PoolSettings.defaults());
        reader = new FleetReader(pool, KEYS, Clock.systemUTC());
        now = System.currentTimeMillis();
    }

    @AfterEach
    void close() {
        pool.close();
    }

    private static Jedis jedis() {
        return new Jedis(REDIS.host(), REDIS.port());
    }

    private void write(int workers, long beat) {
        try (Jedis jedis = jedis(); AbstractPipeline p = jedis.pipelined()) {
            for (int i = 0; i < workers; i++) {
                WorkerRecord r = WorkerRecord.builder().id("w-" + i).host("h").beatMillis(beat).intervalMillis(5_000)
                        .state(WorkerState.IDLE).processedCount(i).build();
                p.hset(KEYS.worker(r.id()), WorkerRecordCodec.encode(r));
                p.zadd(KEYS.workers(), beat, r.id());
            }
            p.sync();
        }
    }

    /** A beat of worker {@code id}: its score and beat field, as the agent's changed-fields beat writes them. */
    private static void beat(String id, long beat) {
        try (Jedis jedis = jedis()) {
            jedis.hset(KEYS.worker(id), "beat", Long.toString(beat));
            jedis.zadd(KEYS.workers(), beat, id);
        }
    }

    private void changeState(String id, WorkerState to) {
        try (Jedis jedis = jedis()) {
            jedis.hset(KEYS.worker(id), "state", to.wire());
        }
        new EventAppender(KEYS).append(pool, List.of(FleetEvent.of(EventType.STATE, id, "idle", to.wire(), now, "")));
    }

    private static long hgetalls() {
        return REDIS.probe().commandCalls().getOrDefault("hgetall", 0L);
    }

    private static Map<String, String> summary(FleetSnapshot snapshot) {
        return snapshot.workers().stream().collect(Collectors.toMap(WorkerEntry::id,
                e -> e.status() + "/" + (e.record() == null ? "-" : e.record().state() + "/" + e.record().beatMillis())));
    }

    @Test
    void betweenFullReadsACycleReadsOnlyTheChangedHashesAndShowsWhatAFullReadShows() {
        write(WORKERS, now);
        EventFedFleetRead read = new EventFedFleetRead(pool, reader, KEYS, null, clock);
        assertThat(read.get().workerCount()).isEqualTo(WORKERS);
        assertThat(read.fullReads()).isEqualTo(1);

        changeState("w-7", WorkerState.BUSY);
        changeState("w-8", WorkerState.PAUSED);
        beat("w-9", now + 3_000); // a beat without an event: its age must follow
        beat("w-10", now - 60_000); // its last beat long ago: stale by its score
        long before = hgetalls();
        FleetSnapshot fed = read.get();
        long read2 = hgetalls() - before;

        assertThat(read.eventReads()).isEqualTo(1);
        assertThat(read2).as("hashes read: the two workers with events").isEqualTo(2);
        assertThat(fed.find("w-7").orElseThrow().record().state()).isEqualTo(WorkerState.BUSY);
        assertThat(fed.find("w-8").orElseThrow().record().state()).isEqualTo(WorkerState.PAUSED);
        assertThat(fed.find("w-9").orElseThrow().beatMillis()).isEqualTo(now + 3_000);
        assertThat(fed.find("w-10").orElseThrow().status()).isEqualTo(EntryStatus.STALE);
        assertThat(fed.busyCount()).isEqualTo(1);
        assertThat(fed.stateCount(WorkerState.PAUSED)).isEqualTo(1);
        assertThat(summary(fed)).isEqualTo(summary(reader.read()));
    }

    @Test
    void aNewMemberIsReadWholeAndAMemberThatLeftIsGone() {
        write(WORKERS, now);
        EventFedFleetRead read = new EventFedFleetRead(pool, reader, KEYS, null, clock);
        read.get();
        try (Jedis jedis = jedis()) {
            WorkerRecord r = WorkerRecord.builder().id("newcomer").host("h2").beatMillis(now).intervalMillis(5_000)
                    .state(WorkerState.BUSY).build();
            jedis.hset(KEYS.worker("newcomer"), WorkerRecordCodec.encode(r));
            jedis.zadd(KEYS.workers(), now, "newcomer");
            jedis.zrem(KEYS.workers(), "w-3");
        }
        FleetSnapshot fed = read.get();
        assertThat(read.eventReads()).isEqualTo(1);
        assertThat(fed.find("newcomer").orElseThrow().record().host()).isEqualTo("h2");
        assertThat(fed.find("w-3")).isEmpty();
        assertThat(summary(fed)).isEqualTo(summary(reader.read()));
    }

    @Test
    void aSmallFleetIsReadWholeEveryCycle() {
        write(EventFedFleetRead.MIN_WORKERS - 1, now);
        EventFedFleetRead read = new EventFedFleetRead(pool, reader, KEYS, null, clock);
        for (int i = 0; i < 3; i++) {
            read.get();
        }
        assertThat(read.fullReads()).isEqualTo(3);
        assertThat(read.eventReads()).isZero();
    }

    @Test
    void theWholeFleetIsReadAgainAfterTheFullReadPeriodAndAfterRedisLostItsData() {
        write(WORKERS, now);
        EventFedFleetRead read = new EventFedFleetRead(pool, reader, KEYS, null, clock);
        read.get();
        read.get();
        assertThat(read.fullReads()).isEqualTo(1);

        clock.advance(EventFedFleetRead.FULL_READ_EVERY);
        read.get();
        assertThat(read.fullReads()).as("after the period").isEqualTo(2);

        new EventAppender(KEYS).append(pool, List.of(FleetEvent.of(EventType.UP, "w-1", "", "idle", now, "")));
        read.get();
        try (Jedis jedis = jedis()) {
            jedis.flushAll(); // as a restart without data: the stream followed is gone
        }
        write(WORKERS, now);
        FleetSnapshot after = read.get();
        assertThat(read.fullReads()).as("after the stream was lost").isEqualTo(3);
        assertThat(after.workerCount()).isEqualTo(WORKERS);
    }

    @Test
    void aKeyOfAnotherTypeIsReportedAsAFullReadReportsIt() {
        write(WORKERS, now);
        EventFedFleetRead read = new EventFedFleetRead(pool, reader, KEYS, null, clock);
        read.get();
        try (Jedis jedis = jedis()) {
            jedis.del(KEYS.worker("w-5"));
            jedis.set(KEYS.worker("w-5"), "not a hash");
        }
        new EventAppender(KEYS).append(pool, List.of(FleetEvent.of(EventType.STATE, "w-5", "idle", "busy", now, "")));
        FleetSnapshot fed = read.get();
        assertThat(fed.find("w-5").orElseThrow().status()).isEqualTo(EntryStatus.INVALID);
        assertThat(read.fullReads()).isEqualTo(2);
    }

    /** A clock the test moves, for the full-read period only; the ages are measured by the system clock. */
    private static final class MovableClock extends Clock {
        private Duration offset = Duration.ZERO;

        void advance(Duration by) {
            offset = offset.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }
}
