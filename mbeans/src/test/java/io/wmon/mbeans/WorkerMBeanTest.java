package io.wmon.mbeans;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WorkerMBeanTest {

    private static final ObjectName NAME = ObjectNames.worker();

    private final AtomicReference<WorkerSnapshot> published = new AtomicReference<>(WorkerSnapshotTest.full());
    private final WorkerMBean bean = new WorkerMBean(published::get);
    private MBeanRegistrar registrar;

    @AfterEach
    void unregisterAndCheckNothingLeaked() {
        if (registrar != null) {
            registrar.unregisterAll();
        }
        MBeanServers.assertNoWmonMBeanOnPlatform();
    }

    private MBeanServer registeredOn(MBeanServer server) {
        registrar = new MBeanRegistrar(server);
        assertThat(registrar.register(NAME, bean)).isTrue();
        return server;
    }

    static Map<String, Object> expectedAttributes(WorkerSnapshot s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Id", s.id());
        m.put("Namespace", s.namespace());
        m.put("Host", s.host());
        m.put("Pid", s.pid());
        m.put("State", s.state());
        m.put("CurrentJob", s.currentJob());
        m.put("StartedAtMillis", s.startedAtMillis());
        m.put("LastHeartbeatMillis", s.lastHeartbeatMillis());
        m.put("HeartbeatCount", s.heartbeatCount());
        m.put("HeartbeatFailureCount", s.heartbeatFailureCount());
        m.put("JobsProcessedCount", s.jobsProcessedCount());
        m.put("JobsFailedCount", s.jobsFailedCount());
        m.put("RedisRoundTripMicros", s.redisRoundTripMicros());
        m.put("RedisAvailable", s.redisAvailable());
        m.put("AppPoolCount", s.appPoolCount());
        m.put("AppActiveConnections", s.appActiveConnections());
        m.put("AppIdleConnections", s.appIdleConnections());
        m.put("RedisSocketCount", s.redisSocketCount());
        m.put("AppRedisSocketCount", s.appRedisSocketCount());
        m.put("RedisSocketPeak", s.redisSocketPeak());
        m.put("TruncatedValueCount", s.truncatedValueCount());
        m.put("EventsDroppedCount", s.eventsDroppedCount());
        return m;
    }

    @ParameterizedTest
    @MethodSource("io.wmon.mbeans.MBeanServers#both")
    void everyAttributeReadsBackThroughAProxyAndGetAttribute(MBeanServer server) throws Exception {
        MXBeanReadBack.assertReadsBack(registeredOn(server), NAME, WorkerMXBean.class,
                expectedAttributes(WorkerSnapshotTest.full()));
    }

    @ParameterizedTest
    @MethodSource("io.wmon.mbeans.MBeanServers#both")
    void gettersFollowTheLatestPublishedSnapshot(MBeanServer server) throws Exception {
        registeredOn(server);
        WorkerSnapshot next = published.get().toBuilder().state("idle").currentJob(null).heartbeatCount(13)
                .redisAvailable(false).build();
        published.set(next);

        MXBeanReadBack.assertReadsBack(server, NAME, WorkerMXBean.class, expectedAttributes(next));
        assertThat(server.getAttribute(NAME, "State")).isEqualTo("idle");
        assertThat(server.getAttribute(NAME, "CurrentJob")).isEqualTo("");
    }

    @ParameterizedTest
    @MethodSource("io.wmon.mbeans.MBeanServers#both")
    void getAttributesReadsEveryNameFromOneSnapshot(MBeanServer server) throws Exception {
        // Each call of this supplier gives a new moment: pid and heartbeat count both say which one.
        AtomicLong moments = new AtomicLong();
        WorkerMBean counting = new WorkerMBean(() -> {
            long moment = moments.incrementAndGet();
            return WorkerSnapshotTest.full().toBuilder().pid(moment).heartbeatCount(moment).build();
        });
        registrar = new MBeanRegistrar(server);
        assertThat(registrar.register(NAME, counting)).isTrue();
        String[] names = MXBeanReadBack.attributeNames(WorkerMXBean.class).toArray(new String[0]);

        for (int i = 0; i < 3; i++) {
            Map<String, Object> reading = new LinkedHashMap<>();
            server.getAttributes(NAME, names).asList().forEach(a -> reading.put(a.getName(), a.getValue()));
            assertThat(reading).hasSize(names.length);
            assertThat(reading.get("HeartbeatCount")).as("one moment for all names").isEqualTo(reading.get("Pid"));
        }
        long before = moments.get();
        server.getAttribute(NAME, "Pid");
        server.getAttribute(NAME, "HeartbeatCount");
        assertThat(moments.get()).as("a single getter reads the latest snapshot each time").isEqualTo(before + 2);
    }

    @Test
    void aSupplierWithNothingPublishedReadsAsUnknown() throws Exception {
        published.set(null);
        MBeanServer server = registeredOn(MBeanServerFactory.newMBeanServer());

        MXBeanReadBack.assertReadsBack(server, NAME, WorkerMXBean.class, expectedAttributes(WorkerSnapshot.UNKNOWN));
        assertThat(server.getAttribute(NAME, "Pid")).isEqualTo(-1L);
        assertThat(server.getAttribute(NAME, "RedisSocketCount")).isEqualTo(-1);
        assertThat(server.getAttribute(NAME, "State")).isEqualTo("starting");
    }

    @ParameterizedTest
    @MethodSource("io.wmon.mbeans.MBeanServers#both")
    void aStateChangeReachesAListenerWithItsUserData(MBeanServer server) throws Exception {
        registeredOn(server);
        NotificationCollector listener = new NotificationCollector();
        server.addNotificationListener(NAME, listener, null, null);

        long before = System.currentTimeMillis();
        bean.stateChanged("idle", "busy", "job-17");
        bean.stateChanged("busy", "idle", null);
        long after = System.currentTimeMillis();

        List<Notification> received = listener.received();
        assertThat(received).hasSize(2);
        assertThat(received).extracting(Notification::getType).containsOnly(NotificationTypes.WORKER_STATE);
        assertThat(received).extracting(Notification::getSequenceNumber).containsExactly(1L, 2L);
        assertThat(received).extracting(Notification::getTimeStamp).allSatisfy(t -> assertThat(t).isBetween(before, after));
        assertThat(received).extracting(Notification::getSource).as("the server names the source").containsOnly(NAME);
        assertThat(received.get(0).getMessage()).isEqualTo("worker host-a-4242: idle -> busy (job job-17)");

        CompositeData first = (CompositeData) received.get(0).getUserData();
        assertThat(first.getCompositeType()).isEqualTo(WorkerMBean.STATE_CHANGE_TYPE);
        assertThat(first.getAll(new String[] {"worker", "from", "to", "job"}))
                .containsExactly("host-a-4242", "idle", "busy", "job-17");
        CompositeData second = (CompositeData) received.get(1).getUserData();
        assertThat(second.get("job")).isEqualTo("");

        server.removeNotificationListener(NAME, listener);
    }

    @ParameterizedTest
    @MethodSource("io.wmon.mbeans.MBeanServers#both")
    void theLeakAlarmReachesAListenerRaisedThenCleared(MBeanServer server) throws Exception {
        registeredOn(server);
        NotificationCollector listener = new NotificationCollector();
        server.addNotificationListener(NAME, listener, null, null);

        bean.connectionLeak(true, 40, 37, 32, "40 Redis sockets, more than leakThreshold 32");
        bean.connectionLeak(false, 3, 0, 32, "back to 3 Redis sockets");

        List<Notification> received = listener.received();
        assertThat(received).extracting(Notification::getType).containsOnly(NotificationTypes.CONNECTIONS_LEAK);
        assertThat(received).extracting(Notification::getSource).containsOnly(NAME);
        assertThat(received.get(0).getMessage())
                .isEqualTo("worker host-a-4242: connection-leak alarm raised: 40 Redis sockets, more than leakThreshold 32");
        CompositeData raised = (CompositeData) received.get(0).getUserData();
        assertThat(raised.getCompositeType()).isEqualTo(WorkerMBean.LEAK_TYPE);
        assertThat(raised.getAll(new String[] {"worker", "alarm", "redisSockets", "appSockets", "leakThreshold"}))
                .containsExactly("host-a-4242", WorkerMBean.LEAK_RAISED, 40, 37, 32);
        CompositeData cleared = (CompositeData) received.get(1).getUserData();
        assertThat(cleared.get("alarm")).isEqualTo(WorkerMBean.LEAK_CLEARED);
        assertThat(cleared.get("reason")).isEqualTo("back to 3 Redis sockets");

        server.removeNotificationListener(NAME, listener);
    }

    @Test
    void theMBeanInfoDeclaresTheNotifications() throws Exception {
        MBeanServer server = registeredOn(MBeanServerFactory.newMBeanServer());

        MBeanNotificationInfo[] infos = server.getMBeanInfo(NAME).getNotifications();

        assertThat(infos).hasSize(2);
        assertThat(infos[0].getNotifTypes()).containsExactly(NotificationTypes.WORKER_STATE);
        assertThat(infos[1].getNotifTypes()).containsExactly(NotificationTypes.CONNECTIONS_LEAK);
        assertThat(infos).extracting(MBeanNotificationInfo::getName).containsOnly(Notification.class.getName());
        assertThat(infos[1].getDescription()).isEqualTo(NotificationTypes.description(NotificationTypes.CONNECTIONS_LEAK));
        assertThat(bean).isInstanceOf(NotificationEmitter.class);
    }

    @Test
    @Timeout(30)
    void concurrentStateChangesArriveNumberedInOrderWithoutGaps() throws Exception {
        NotificationCollector listener = new NotificationCollector();
        bean.addNotificationListener(listener, null, null);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            done.add(threads.submit(() -> {
                for (int i = 0; i < 250; i++) {
                    bean.stateChanged("idle", "busy", "j" + i);
                }
            }));
        }
        for (Future<?> f : done) {
            f.get(20, TimeUnit.SECONDS);
        }
        threads.shutdown();

        List<Long> sequence = new ArrayList<>();
        listener.received().forEach(n -> sequence.add(n.getSequenceNumber()));
        assertThat(sequence).hasSize(1_000).isSorted().doesNotHaveDuplicates();
        assertThat(sequence.get(0)).isEqualTo(1L);
        assertThat(sequence.get(999)).isEqualTo(1_000L);
    }

    @Test
    void aThrowingListenerDoesNotFailTheAgentOrOtherListeners() throws Exception {
        NotificationCollector healthy = new NotificationCollector();
        bean.addNotificationListener((n, h) -> {
            throw new IllegalStateException("listener bug");
        }, null, null);
        bean.addNotificationListener(healthy, null, null);

        bean.stateChanged("idle", "busy", "j1");

        assertThat(healthy.received()).hasSize(1);
    }
}
