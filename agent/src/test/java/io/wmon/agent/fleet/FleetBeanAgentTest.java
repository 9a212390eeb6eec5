package io.wmon.agent.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wmon.agent.config.AgentOptions;
import io.wmon.agent.runtime.AgentRuntime;
import io.wmon.core.event.EventAppender;
import io.wmon.core.event.EventType;
import io.wmon.core.event.FleetEvent;
import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.redis.PoolSettings;
import io.wmon.core.redis.RedisEndpoint;
import io.wmon.core.redis.SharedPool;
import io.wmon.core.redis.SharedPoolRegistry;
import io.wmon.core.record.WorkerRecord;
import io.wmon.core.record.WorkerRecordCodec;
import io.wmon.core.record.WorkerState;
import io.wmon.mbeans.CircuitBreakerMXBean;
import io.wmon.mbeans.FleetMXBean;
import io.wmon.mbeans.WorkerMXBean;
import io.wmon.mbeans.NotificationTypes;
import io.wmon.mbeans.ObjectNames;
import io.wmon.test.RedisServerExtension;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * The agent with {@code fleet=true} in this JVM against a real Redis: the Fleet MBean shows the
 * namespace, reads it at most once per interval however often it is read, not at all when nobody
 * reads, and notifies a worker that stopped beating.
 */
@Timeout(60)
class FleetBeanAgentTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String NS = "fleet-agent";
    private static final FleetKeys KEYS = FleetKeys.of(NS);
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();
    private static final long INTERVAL_MILLIS = 1_000;

    private AgentRuntime runtime;

    @BeforeEach
    void cleanNamespace() {
        try (Jedis jedis = jedis()) {
            jedis.flushAll();
        }
    }

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.stop();
        }
        assertThat(SERVER.queryNames(ObjectNames.ALL, null)).isEmpty();
        // stop() interrupts the fleet thread without waiting for it (it adds nothing to the agent's stop time): it ends soon after.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().equals("wmon-fleet") && t.isAlive()));
    }

    private FleetMXBean startWithFleet(String id) {
        AgentOptions options = AgentOptions.parse("redis=" + REDIS.url() + ",namespace=" + NS + ",id=" + id
                + ",interval=1s,fleet=true", Map.of());
        runtime = AgentRuntime.start(options, "test");
        await().until(() -> SERVER.isRegistered(ObjectNames.fleet(NS)));
        return JMX.newMBeanProxy(SERVER, ObjectNames.fleet(NS), FleetMXBean.class);
    }

    private static Jedis jedis() {
        return new Jedis(REDIS.host(), REDIS.port());
    }

    /** Writes another worker's record as its agent would (the codec's fields, the registry's score). */
    private static void beat(String id, WorkerState state, long beatMillis, long intervalMillis) {
        WorkerRecord record = WorkerRecord.builder().id(id).host("h-" + id).beatMillis(beatMillis)
                .intervalMillis(intervalMillis).state(state).processedCount(7).failedCount(1).build();
        try (Jedis jedis = jedis()) {
            jedis.hset(KEYS.worker(id), WorkerRecordCodec.encode(record));
            jedis.zadd(KEYS.workers(), beatMillis, id);
        }
    }

    private static long fleetReads() {
        // Every fleet read starts with one ZRANGE of the registry; nothing else here sends ZRANGE.
        return REDIS.probe().commandCalls().getOrDefault("zrange", 0L);
    }

    @Test
    void showsTheNamespaceCountsAndOneRowPerWorker() {
        long now = System.currentTimeMillis();
        beat("busy-1", WorkerState.BUSY, now, 60_000);
        beat("paused-1", WorkerState.PAUSED, now, 60_000);
        beat("stale-1", WorkerState.IDLE, now - 600_000, 60_000);
        FleetMXBean fleet = startWithFleet("self");

        // The agent's own worker joins the fleet at its first beat.
        await().atMost(Duration.ofSeconds(10)).until(fleet::getWorkerCount, n -> n == 4);
        assertThat(fleet.getNamespace()).isEqualTo(NS);
        assertThat(fleet.getStaleCount()).isEqualTo(1);
        assertThat(fleet.getBusyCount()).isEqualTo(1);
        assertThat(fleet.getPausedCount()).isEqualTo(1);
        assertThat(fleet.getGoneCount()).isZero();
        assertThat(fleet.getInvalidCount()).isZero();
        assertThat(fleet.getLastReadError()).isEmpty();
        assertThat(fleet.getReadAtMillis()).isGreaterThanOrEqualTo(now);

        TabularData rows = fleet.getWorkers();
        CompositeData busy = rows.get(new Object[] {"busy-1"});
        assertThat(busy.get("host")).isEqualTo("h-busy-1");
        assertThat(busy.get("state")).isEqualTo("busy");
        assertThat(busy.get("status")).isEqualTo("alive");
        assertThat(busy.get("processed")).isEqualTo(7L);
        assertThat(busy.get("failed")).isEqualTo(1L);
        assertThat((Long) rows.get(new Object[] {"stale-1"}).get("ageMillis")).isGreaterThanOrEqualTo(600_000L);
        assertThat(rows.get(new Object[] {"stale-1"}).get("status")).isEqualTo("stale");
    }

    @Test
    void tenConcurrentReadersCauseAtMostOneFleetReadPerInterval() throws Exception {
        beat("other", WorkerState.IDLE, System.currentTimeMillis(), 60_000);
        FleetMXBean fleet = startWithFleet("self");
        await().until(fleet::getWorkerCount, n -> n >= 1);

        long readsBefore = fleetReads();
        long started = System.nanoTime();
        ExecutorService readers = Executors.newFixedThreadPool(10);
        List<Future<Long>> done = new ArrayList<>();
        long window = 5_000;
        for (int i = 0; i < 10; i++) {
            done.add(readers.submit(() -> {
                long polls = 0;
                while (System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(window)) {
                    fleet.getWorkerCount();
                    fleet.getWorkers();
                    polls++;
                }
                return polls;
            }));
        }
        long polls = 0;
        for (Future<Long> f : done) {
            polls += f.get();
        }
        readers.shutdown();
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        long reads = fleetReads() - readsBefore;

        System.out.println("[figure] fleet-bean polls=" + polls + " fleetReads=" + reads + " elapsedMillis=" + elapsed);
        assertThat(polls).isGreaterThan(1_000);
        assertThat(reads).isBetween(1L, elapsed / INTERVAL_MILLIS + 1);
        assertThat(fleet.getFleetReadCount()).isGreaterThanOrEqualTo(reads);
    }

    @Test
    void nobodyReadingAndNobodyListeningCostsNoRead() throws Exception {
        FleetMXBean fleet = startWithFleet("self");
        await().until(fleet::getWorkerCount, n -> n >= 1);
        // A read asked for during the await may still be pending (late on a loaded machine): wait
        // until two intervals pass without one, then nobody asks for any more.
        long settled = fleetReads();
        for (int i = 0; i < 10; i++) {
            Thread.sleep(2 * INTERVAL_MILLIS);
            long now = fleetReads();
            if (now == settled) {
                break;
            }
            settled = now;
        }

        long before = fleetReads();
        Thread.sleep(4 * INTERVAL_MILLIS);
        assertThat(fleetReads() - before).isZero();
    }

    @Test
    void aWorkerThatStopsBeatingIsNotifiedOnceToAListenerThatNeverPolls() throws Exception {
        long now = System.currentTimeMillis();
        beat("short-lived", WorkerState.BUSY, now, 500);
        startWithFleet("self");
        List<Notification> received = new CopyOnWriteArrayList<>();
        NotificationListener listener = (n, handback) -> received.add(n);
        SERVER.addNotificationListener(ObjectNames.fleet(NS), listener, null, null);
        try {
            // No more beats for short-lived: stale once its beat is 3 × 500 ms old.
            await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
            Thread.sleep(3 * INTERVAL_MILLIS);
        } finally {
            SERVER.removeNotificationListener(ObjectNames.fleet(NS), listener);
        }
        assertThat(received).hasSize(1);
        Notification stale = received.get(0);
        assertThat(stale.getType()).isEqualTo(NotificationTypes.FLEET_STALE);
        CompositeData data = (CompositeData) stale.getUserData();
        assertThat(data.get("worker")).isEqualTo("short-lived");
        assertThat(data.get("namespace")).isEqualTo(NS);
        assertThat(data.get("host")).isEqualTo("h-short-lived");
        assertThat(data.get("status")).isEqualTo("stale");
        assertThat((Long) data.get("ageMillis")).isGreaterThanOrEqualTo(1_500L);
        assertThat(stale.getMessage()).contains("short-lived", "stale");
    }

    /** Appends events as agents and readers do, with the core's appender over a pool of the test's own. */
    private static void append(FleetEvent... events) {
        try (SharedPool pool = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(REDIS.url() + "/0"),
                "wmon-test-events", PoolSettings.defaults())) {
            new EventAppender(KEYS).append(pool, List.of(events));
        }
    }

    @Test
    void aStateChangeOnTheStreamReachesTheBeanWithoutAFleetRead() throws Exception {
        long now = System.currentTimeMillis();
        beat("busy-1", WorkerState.BUSY, now, 60_000);
        FleetMXBean fleet = startWithFleet("self");
        await().atMost(Duration.ofSeconds(10)).until(fleet::getBusyCount, n -> n == 1);
        Thread.sleep(2 * INTERVAL_MILLIS); // let a read asked for by the await happen
        long reads = fleetReads();

        // As an agent does: the record's state, then the event.
        try (Jedis jedis = jedis()) {
            jedis.hset(KEYS.worker("busy-1"), "state", "paused");
        }
        append(FleetEvent.of(EventType.STATE, "busy-1", "busy", "paused", System.currentTimeMillis(), ""));
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20))
                .until(() -> rowState(fleet, "busy-1").equals("paused"));

        assertThat(fleet.getPausedCount()).isEqualTo(1);
        assertThat(fleet.getBusyCount()).isZero();
        assertThat(fleetReads() - reads).as("the change came from the stream, not from a fleet read")
                .isLessThanOrEqualTo(1);
    }

    private static String rowState(FleetMXBean fleet, String id) {
        CompositeData row = fleet.getWorkers().get(new Object[] {id});
        return row == null ? "" : (String) row.get("state");
    }

    @Test
    void aStaleEventOnTheStreamIsNotifiedOnce() throws Exception {
        beat("watched", WorkerState.BUSY, System.currentTimeMillis(), 60_000);
        FleetMXBean fleet = startWithFleet("self");
        await().atMost(Duration.ofSeconds(10)).until(fleet::getAliveCount, n -> n == 2);
        List<Notification> received = new CopyOnWriteArrayList<>();
        NotificationListener listener = (n, handback) -> received.add(n);
        SERVER.addNotificationListener(ObjectNames.fleet(NS), listener, null, null);
        try {
            FleetEvent stale = FleetEvent.of(EventType.STALE, "watched", "alive", "stale", System.currentTimeMillis(),
                    "last beat 15000 ms ago");
            append(stale, stale);
            await().atMost(Duration.ofSeconds(3)).until(() -> !received.isEmpty());
            Thread.sleep(500);
        } finally {
            SERVER.removeNotificationListener(ObjectNames.fleet(NS), listener);
        }
        assertThat(received).hasSize(1);
        assertThat(((CompositeData) received.get(0).getUserData()).get("worker")).isEqualTo("watched");
        assertThat(fleet.getStaleCount()).isEqualTo(1);
    }

    @Test
    void fleetTrueHoldsOneStreamConnectionBesideThePoolAndNoneAfterStop() throws Exception {
        FleetMXBean fleet = startWithFleet("self");
        await().until(fleet::getWorkerCount, n -> n >= 1);
        String streamName = "wmon:stream:" + NS + ":self";
        await().atMost(Duration.ofSeconds(5)).until(() -> REDIS.probe().countClients(streamName) == 1);
        for (int i = 0; i < 10; i++) {
            assertThat(REDIS.probe().countClients(streamName)).isEqualTo(1);
            assertThat(REDIS.probe().countClients("wmon:agent:" + NS + ":self")).isBetween(0L, 4L);
            Thread.sleep(200);
        }
        runtime.stop();
        runtime = null;
        await().atMost(Duration.ofSeconds(5)).until(() -> REDIS.probe().countClients("wmon:") == 0);
    }

    @Test
    void anAgentUserWithoutTheReadersCommandsKeepsBeatingAndTheBeanSaysWhy() throws Exception {
        REDIS.probe().command("ACL", "SETUSER", "fleet-agent", "reset", "on", ">pw", "~wmon:*", "+hset", "+hlen",
                "+pexpire", "+zadd", "+zrem", "+xadd", "+client|setname");
        try {
            String url = REDIS.url().replace("redis://", "redis://fleet-agent:pw@");
            runtime = AgentRuntime.start(AgentOptions.parse("redis=" + url + ",namespace=" + NS
                    + ",id=acl,interval=1s,fleet=true", Map.of()), "test");
            await().until(() -> SERVER.isRegistered(ObjectNames.fleet(NS)));
            FleetMXBean fleet = JMX.newMBeanProxy(SERVER, ObjectNames.fleet(NS), FleetMXBean.class);
            WorkerMXBean worker = JMX.newMXBeanProxy(SERVER, ObjectNames.worker(), WorkerMXBean.class);
            await().atMost(Duration.ofSeconds(10)).until(fleet::getLastReadError, e -> e.contains("NOPERM"));
            long beats = worker.getHeartbeatCount();
            for (int i = 0; i < 10; i++) {
                fleet.getWorkerCount(); // keep asking: no read is tried again
                Thread.sleep(300);
            }
            assertThat(worker.getHeartbeatCount()).as("beats go on").isGreaterThan(beats + 1);
            assertThat(worker.getHeartbeatFailureCount()).isZero();
            CircuitBreakerMXBean breaker = JMX.newMXBeanProxy(SERVER, ObjectNames.circuitBreaker("redis"),
                    CircuitBreakerMXBean.class);
            assertThat(breaker.getState()).isEqualTo("CLOSED");
            assertThat(fleet.getLastReadError()).contains("reads no more");
            assertThat(REDIS.probe().countClients("wmon:stream:")).as("the refused stream connection is closed")
                    .isZero();
        } finally {
            if (runtime != null) {
                runtime.stop();
                runtime = null;
            }
            REDIS.probe().command("ACL", "DELUSER", "fleet-agent");
        }
    }

    @Test
    void aFailedReadKeepsTheLastViewAndSaysWhy() {
        beat("other", WorkerState.IDLE, System.currentTimeMillis(), 60_000);
        FleetMXBean fleet = startWithFleet("self");
        await().until(fleet::getWorkerCount, n -> n >= 1);
        int workers = fleet.getWorkerCount();
        try (Jedis jedis = jedis()) {
            jedis.del(KEYS.workers());
            jedis.set(KEYS.workers(), "not a sorted set");
        }
        await().atMost(Duration.ofSeconds(10)).until(fleet::getLastReadError, e -> !e.isEmpty());
        assertThat(fleet.getLastReadError()).contains(KEYS.workers());
        assertThat(fleet.getWorkerCount()).isEqualTo(workers);
    }
}
