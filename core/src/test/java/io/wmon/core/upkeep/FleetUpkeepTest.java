package io.wmon.core.upkeep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wmon.core.event.DecodedEvent;
import io.wmon.core.event.EventId;
import io.wmon.core.event.EventStreamReader;
import io.wmon.core.event.EventType;
import io.wmon.core.event.FleetEvent;
import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.fleet.FleetReader;
import io.wmon.core.heartbeat.HeartbeatWriter;
import io.wmon.core.record.WorkerRecord;
import io.wmon.core.record.WorkerState;
import io.wmon.core.redis.PoolSettings;
import io.wmon.core.redis.RedisEndpoint;
import io.wmon.core.redis.SharedPool;
import io.wmon.core.redis.SharedPoolRegistry;
import io.wmon.test.AclUsers;
import io.wmon.test.RedisProbe;
import io.wmon.test.RedisServerExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * Readers' upkeep against a real Redis: many readers at once make one {@code stale} and one
 * {@code down} event per episode and one prune per minute; a reader whose ACL lacks the writes
 * warns once and reads on.
 */
@Timeout(60)
class FleetUpkeepTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final FleetKeys KEYS = FleetKeys.of("upkeep");
    private static final int READERS = 5;
    private static SharedPool pool;
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void openPool() {
        pool = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(REDIS.url()), "wmon:test:upkeep",
                PoolSettings.defaults());
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @BeforeEach
    void emptyServer() {
        REDIS.flushAll();
        REDIS.probe().resetStats();
    }

    private static WorkerRecord record(String id, long beatMillis) {
        return WorkerRecord.builder().id(id).host("h").pid(1).startedMillis(beatMillis - 1_000).beatMillis(beatMillis)
                .intervalMillis(1_000).state(WorkerState.BUSY).job("j").build();
    }

    /** A worker whose last beat, {@code ageMillis} ago, was written as the agent writes it. */
    private static long beatAgo(String id, long ageMillis) {
        long beat = System.currentTimeMillis() - ageMillis;
        new HeartbeatWriter(pool, KEYS).write(record(id, beat));
        return beat;
    }

    /** A registry member whose record has expired. */
    private static void gone(String id, long beatMillis) {
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
            jedis.zadd(KEYS.workers(), beatMillis, id);
        }
    }

    private FleetUpkeep upkeep(SharedPool on, Clock clock) {
        return new FleetUpkeep(on, KEYS, clock, warnings::add);
    }

    private static List<FleetEvent> events(EventType type) {
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
            return new EventStreamReader(KEYS).readAfter(jedis, EventId.ZERO, 0).valid().stream()
                    .map(DecodedEvent::event).filter(e -> e.type() == type).collect(Collectors.toList());
        }
    }

    /** Each upkeep reads and upkeeps once, all released at the same moment on threads of their own. */
    private static void readTogether(List<FleetUpkeep> upkeeps) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(upkeeps.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> runs = new ArrayList<>();
            for (FleetUpkeep upkeep : upkeeps) {
                FleetReader reader = new FleetReader(pool, KEYS, Clock.systemUTC());
                runs.add(threads.submit(() -> {
                    go.await();
                    return upkeep.afterRead(reader.read());
                }));
            }
            go.countDown();
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private List<FleetUpkeep> readers(Clock clock) {
        List<FleetUpkeep> upkeeps = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            upkeeps.add(upkeep(pool, clock));
        }
        return upkeeps;
    }

    @Test
    void manyReadersAtOnceMakeOneStaleAndOneDownEventPerEpisode() throws Exception {
        beatAgo("alive", 0);
        long staleBeat = beatAgo("frozen", 10_000);
        gone("vanished", System.currentTimeMillis() - 60_000);
        List<FleetUpkeep> upkeeps = readers(Clock.systemUTC());

        readTogether(upkeeps);
        readTogether(upkeeps);

        List<FleetEvent> stale = events(EventType.STALE);
        assertThat(stale).extracting(FleetEvent::worker).containsExactly("frozen");
        assertThat(stale.get(0).from()).isEqualTo("busy");
        assertThat(stale.get(0).detail()).startsWith("no beat for ").contains("(stale after 3.0 s)");
        assertThat(events(EventType.DOWN)).extracting(FleetEvent::worker).containsExactly("vanished");
        assertThat(upkeeps.stream().mapToLong(FleetUpkeep::appendedCount).sum()).isEqualTo(2);
        assertThat(REDIS.probe().commandCalls().get("set")).as("each reader tries each guard once, not each read")
                .isLessThanOrEqualTo(READERS * 3L);
        long guardTtl = (Long) REDIS.probe().command("TTL", KEYS.episodeGuard("stale", "frozen", staleBeat));
        assertThat(guardTtl).isPositive().isLessThanOrEqualTo(15 + Episode.STALE_GUARD_MARGIN_SECONDS);
        assertThat(warnings).isEmpty();
    }

    @Test
    void aWorkerThatBeatsAgainAndStopsAgainIsANewEpisode() throws Exception {
        beatAgo("flaky", 10_000);
        List<FleetUpkeep> upkeeps = readers(Clock.systemUTC());
        readTogether(upkeeps);

        beatAgo("flaky", 0);
        readTogether(upkeeps);
        assertThat(events(EventType.STALE)).hasSize(1);
        beatAgo("flaky", 5_000);
        readTogether(upkeeps);

        assertThat(events(EventType.STALE)).extracting(FleetEvent::worker).containsExactly("flaky", "flaky");
    }

    @Test
    void goneMembersArePrunedByOneReaderAtMostOncePerMinute() throws Exception {
        RedisProbe probe = REDIS.probe();
        beatAgo("alive", 0);
        gone("g1", 1);
        gone("g2", 2);
        SettableClock clock = new SettableClock();
        List<FleetUpkeep> upkeeps = readers(clock);

        readTogether(upkeeps);

        assertThat(upkeeps.stream().filter(u -> u.prunedCount() > 0).count()).as("readers that pruned").isOne();
        assertThat(upkeeps.stream().mapToLong(FleetUpkeep::prunedCount).sum()).isEqualTo(2);
        assertThat(probe.command("ZSCORE", KEYS.workers(), "alive")).isNotNull();
        assertThat((Long) probe.command("TTL", KEYS.pruneLock())).isPositive()
                .isLessThanOrEqualTo(FleetUpkeep.PRUNE_EVERY_MILLIS / 1_000);
        assertThat(probe.commandCalls().get("zrem")).isOne();

        gone("g3", 3);
        clock.advance(1_000);
        readTogether(upkeeps);
        assertThat(probe.command("ZSCORE", KEYS.workers(), "g3")).as("no second prune within the minute").isNotNull();

        probe.command("PEXPIRE", KEYS.pruneLock(), "1"); // the lock's minute is over
        await().until(() -> (Long) probe.command("EXISTS", KEYS.pruneLock()) == 0);
        clock.advance(FleetUpkeep.PRUNE_EVERY_MILLIS);
        readTogether(upkeeps);
        assertThat(probe.command("ZSCORE", KEYS.workers(), "g3")).isNull();
        assertThat(probe.commandCalls().get("zrem")).isEqualTo(2);
        assertThat(events(EventType.DOWN)).extracting(FleetEvent::worker).containsExactlyInAnyOrder("g1", "g2", "g3");
    }

    @Test
    void aFleetWithNothingNewCostsNoCommand() {
        beatAgo("a", 0);
        beatAgo("b", 0);
        FleetUpkeep upkeep = upkeep(pool, Clock.systemUTC());
        long before = REDIS.probe().totalCommandCalls();
        FleetReader reader = new FleetReader(pool, KEYS, Clock.systemUTC());
        long readCommands = 3; // ZRANGE and two HGETALL

        upkeep.afterRead(reader.read());

        assertThat(REDIS.probe().totalCommandCalls() - before).isEqualTo(readCommands);
    }

    @Test
    void aReaderWithoutSetWarnsOnceAndReadsOn() {
        beatAgo("frozen", 10_000);
        gone("vanished", 5);
        AclUsers.fromDocs().create(REDIS.probe(), "wmon-cli", "ro", "pw", "+set");
        try (SharedPool limited = SharedPoolRegistry.jvm().acquire(
                RedisEndpoint.parse(REDIS.url().replace("redis://", "redis://ro:pw@")), "wmon:test:ro",
                PoolSettings.defaults())) {
            FleetUpkeep upkeep = upkeep(limited, Clock.systemUTC());
            FleetReader reader = new FleetReader(limited, KEYS, Clock.systemUTC());

            for (int i = 0; i < 3; i++) {
                assertThat(upkeep.afterRead(reader.read()).workerCount()).isEqualTo(2);
            }

            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0)).contains("refused SET to user ro (NOPERM)")
                    .contains("records no stale or gone worker").contains("ACL SETUSER ro +set +xadd +zrem")
                    .doesNotContain("pw@");
            assertThat(events(EventType.STALE)).isEmpty();
            assertThat(REDIS.probe().command("ZSCORE", KEYS.workers(), "vanished")).isNotNull();
        } finally {
            REDIS.probe().command("ACL", "DELUSER", "ro");
        }
    }

    @Test
    void aReaderWithoutZremStillRecordsEventsAndWarnsOnceAboutPruning() {
        gone("vanished", 5);
        AclUsers.fromDocs().create(REDIS.probe(), "wmon-cli", "nozrem", "pw", "+zrem");
        try (SharedPool limited = SharedPoolRegistry.jvm().acquire(
                RedisEndpoint.parse(REDIS.url().replace("redis://", "redis://nozrem:pw@")), "wmon:test:nozrem",
                PoolSettings.defaults())) {
            FleetUpkeep upkeep = upkeep(limited, Clock.systemUTC());
            FleetReader reader = new FleetReader(limited, KEYS, Clock.systemUTC());

            upkeep.afterRead(reader.read());

            assertThat(warnings).hasSize(1).first().asString().contains("refused ZREM")
                    .contains("prunes no gone worker");
            assertThat(events(EventType.DOWN)).extracting(FleetEvent::worker).containsExactly("vanished");
        } finally {
            REDIS.probe().command("ACL", "DELUSER", "nozrem");
        }
    }

    @Test
    void anOutageDuringTheUpkeepLeavesTheEpisodeToTheNextRead() {
        long beat = beatAgo("frozen", 10_000);
        FleetReader reader = new FleetReader(pool, KEYS, Clock.systemUTC());
        FleetUpkeep upkeep = upkeep(pool, Clock.systemUTC());
        io.wmon.core.fleet.FleetSnapshot snapshot = reader.read();
        REDIS.stop();
        try {
            assertThat(upkeep.afterRead(snapshot)).isSameAs(snapshot);
        } finally {
            REDIS.start();
        }
        new HeartbeatWriter(pool, KEYS).write(record("frozen", beat)); // the same episode, on the restarted server
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .untilAsserted(() -> {
                    upkeep.afterRead(reader.read());
                    assertThat(events(EventType.STALE)).hasSize(1);
                });
    }
}
