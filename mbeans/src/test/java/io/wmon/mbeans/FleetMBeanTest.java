package io.wmon.mbeans;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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

/** The Fleet MBean over a fleet really read from a real redis-server, on the platform MBeanServer. */
@Timeout(60)
class FleetMBeanTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String NS = "fleet-bean";
    private static final FleetKeys KEYS = FleetKeys.of(NS);

    private final MBeanServer server = MBeanServers.platform();
    private final MBeanRegistrar registrar = new MBeanRegistrar(server);
    private final AtomicReference<FleetView> view = new AtomicReference<>(FleetView.nothingRead());
    private final AtomicInteger asked = new AtomicInteger();
    private final FleetMBean bean = new FleetMBean(NS, () -> {
        asked.incrementAndGet();
        return view.get();
    });
    private SharedPool pool;

    @BeforeEach
    void register() {
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
            jedis.flushAll();
        }
        pool = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(REDIS.url()), "wmon:agent:" + NS + ":test",
                PoolSettings.defaults());
        registrar.register(ObjectNames.fleet(NS), bean);
    }

    @AfterEach
    void unregister() {
        registrar.unregisterAll();
        pool.close();
        MBeanServers.assertNoWmonMBeanOnPlatform();
    }

    private static void write(String id, String host, WorkerState state, long beatMillis) {
        WorkerRecord record = WorkerRecord.builder().id(id).host(host).beatMillis(beatMillis).intervalMillis(5_000)
                .state(state).processedCount(40).failedCount(2).build();
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
            jedis.hset(KEYS.worker(id), WorkerRecordCodec.encode(record));
            jedis.zadd(KEYS.workers(), beatMillis, id);
        }
    }

    private FleetSnapshot read() {
        return new FleetReader(pool, KEYS, Clock.systemUTC()).read();
    }

    @Test
    void beforeTheFirstReadEveryCountIsMinusOneAndTheTableIsEmpty() throws Exception {
        assertThat(server.getAttribute(ObjectNames.fleet(NS), "WorkerCount")).isEqualTo(-1);
        assertThat(server.getAttribute(ObjectNames.fleet(NS), "AliveCount")).isEqualTo(-1);
        assertThat(server.getAttribute(ObjectNames.fleet(NS), "ReadAtMillis")).isEqualTo(-1L);
        assertThat(((TabularData) server.getAttribute(ObjectNames.fleet(NS), "Workers")).isEmpty()).isTrue();
        assertThat(asked.get()).as("each getter asks for the view").isEqualTo(4);
    }

    @Test
    void aReadFleetShowsItsCountsAndOneRowPerMemberIncludingGoneAndInvalidOnes() throws Exception {
        long now = System.currentTimeMillis();
        write("a-busy", "host-a", WorkerState.BUSY, now);
        write("b-idle", "host-b", WorkerState.IDLE, now);
        write("c-stale", "host-c", WorkerState.BUSY, now - 60_000);
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
            jedis.zadd(KEYS.workers(), now - 90_000, "d-gone");
            jedis.zadd(KEYS.workers(), now, "e-bad");
            jedis.set(KEYS.worker("e-bad"), "a string, not a hash");
        }
        view.set(FleetView.of(read(), 1));

        javax.management.ObjectName name = ObjectNames.fleet(NS);
        assertThat(server.getAttribute(name, "WorkerCount")).isEqualTo(5);
        assertThat(server.getAttribute(name, "AliveCount")).isEqualTo(2);
        assertThat(server.getAttribute(name, "StaleCount")).isEqualTo(1);
        assertThat(server.getAttribute(name, "GoneCount")).isEqualTo(1);
        assertThat(server.getAttribute(name, "InvalidCount")).isEqualTo(1);
        assertThat(server.getAttribute(name, "BusyCount")).isEqualTo(1);
        assertThat(server.getAttribute(name, "IdleCount")).isEqualTo(1);
        assertThat(server.getAttribute(name, "PausedCount")).isEqualTo(0);
        assertThat(server.getAttribute(name, "FleetReadCount")).isEqualTo(1L);

        TabularData rows = (TabularData) server.getAttribute(name, "Workers");
        assertThat(rows.size()).isEqualTo(5);
        CompositeData busy = rows.get(new Object[] {"a-busy"});
        assertThat(busy.get("host")).isEqualTo("host-a");
        assertThat(busy.get("state")).isEqualTo("busy");
        assertThat(busy.get("status")).isEqualTo("alive");
        assertThat(busy.get("processed")).isEqualTo(40L);
        assertThat(busy.get("failed")).isEqualTo(2L);
        CompositeData gone = rows.get(new Object[] {"d-gone"});
        assertThat(gone.get("status")).isEqualTo("gone");
        assertThat(gone.get("host")).isEqualTo("");
        assertThat(gone.get("processed")).isEqualTo(-1L);
        assertThat(rows.get(new Object[] {"e-bad"}).get("status")).isEqualTo("invalid");
    }

    @Test
    void aCallerThatChangesItsTableDoesNotChangeWhatTheNextCallerReads() throws Exception {
        write("only", "h", WorkerState.IDLE, System.currentTimeMillis());
        view.set(FleetView.of(read(), 1));

        TabularData first = bean.getWorkers();
        first.clear();
        assertThat(bean.getWorkers().size()).isEqualTo(1);
    }

    @Test
    void aFailedReadKeepsTheDataAndNamesTheFailure() throws Exception {
        write("only", "h", WorkerState.IDLE, System.currentTimeMillis());
        view.set(FleetView.of(read(), 1).failed("cannot reach Redis at redis://x:6379 (connection refused)", 2));

        assertThat(bean.getWorkerCount()).isEqualTo(1);
        assertThat(bean.getFleetReadCount()).isEqualTo(2);
        assertThat(bean.getLastReadError()).isEqualTo("cannot reach Redis at redis://x:6379 (connection refused)");
    }

    @Test
    void aStaleWorkerIsOneNotificationWithOpenData() throws Exception {
        write("late", "host-l", WorkerState.BUSY, System.currentTimeMillis() - 60_000);
        WorkerEntry late = read().find("late").orElseThrow();
        assertThat(late.status()).isEqualTo(EntryStatus.STALE);
        List<Notification> received = new CopyOnWriteArrayList<>();
        NotificationListener listener = (n, handback) -> received.add(n);
        server.addNotificationListener(ObjectNames.fleet(NS), listener, null, null);

        bean.workerStale(late);

        assertThat(received).hasSize(1);
        Notification n = received.get(0);
        assertThat(n.getType()).isEqualTo(NotificationTypes.FLEET_STALE);
        assertThat(n.getSource()).isEqualTo(ObjectNames.fleet(NS));
        assertThat(n.getMessage()).startsWith("worker late of namespace " + NS + " is stale: last beat ")
                .endsWith(" ms ago");
        CompositeData data = (CompositeData) n.getUserData();
        assertThat(data.getCompositeType()).isEqualTo(FleetMBean.STALE_TYPE);
        assertThat(data.get("worker")).isEqualTo("late");
        assertThat(data.get("host")).isEqualTo("host-l");
        assertThat(data.get("status")).isEqualTo("stale");
        assertThat((Long) data.get("ageMillis")).isGreaterThanOrEqualTo(late.ageMillis());
        server.removeNotificationListener(ObjectNames.fleet(NS), listener);
    }

    @Test
    void listenersAreCountedPerRegistrationSoTheAgentKnowsWhetherSomeoneWaits() throws Exception {
        NotificationListener one = (n, h) -> { };
        NotificationListener two = (n, h) -> { };
        assertThat(bean.hasListeners()).isFalse();

        server.addNotificationListener(ObjectNames.fleet(NS), one, null, "a");
        server.addNotificationListener(ObjectNames.fleet(NS), one, null, "b");
        server.addNotificationListener(ObjectNames.fleet(NS), two, null, null);
        server.removeNotificationListener(ObjectNames.fleet(NS), one, null, "a");
        assertThat(bean.hasListeners()).isTrue();
        server.removeNotificationListener(ObjectNames.fleet(NS), two);
        assertThat(bean.hasListeners()).as("one registration of 'one' remains").isTrue();
        server.removeNotificationListener(ObjectNames.fleet(NS), one, null, "b");
        assertThat(bean.hasListeners()).isFalse();
        assertThat(asked.get()).as("a new listener asks for a read").isEqualTo(3);
    }
}
