package io.wmon.mbeans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wmon.core.redis.PoolSettings;
import io.wmon.core.redis.RedisEndpoint;
import io.wmon.core.redis.SharedPool;
import io.wmon.core.redis.SharedPoolRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What JConsole, VisualVM and {@code wmon jmx} see: the beans on the platform server, read through a
 * real RMI connector ({@code service:jmx:rmi://}, on an OS-chosen free loopback port) by a client
 * that uses nothing but open types.
 */
@Timeout(60)
class JmxConnectorTest {

    private final AtomicReference<WorkerSnapshot> published = new AtomicReference<>(WorkerSnapshotTest.full());
    private final WorkerMBean worker = new WorkerMBean(published::get);
    private final MBeanRegistrar registrar = new MBeanRegistrar();
    private SharedPool pool;
    private int redisPort;
    private JMXConnectorServer connectorServer;
    private JMXConnector client;

    @BeforeEach
    void registerAndServe() throws Exception {
        redisPort = RedisPoolMBeanTest.unusedLoopbackPort();
        pool = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse("redis://127.0.0.1:" + redisPort),
                "wmon:agent:test:jmx", PoolSettings.defaults());
        registrar.register(ObjectNames.worker(), worker);
        registrar.register(ObjectNames.redisPool("shared"), new RedisPoolMBean(pool));
        registrar.register(ObjectNames.circuitBreaker("redis"), new CircuitBreakerMBean(pool.breaker(),
                pool.endpoint().redacted()));
        registrar.register(ObjectNames.fleet("test"), new FleetMBean("test", FleetView::nothingRead));

        LoopbackSocketFactory loopback = new LoopbackSocketFactory();
        Map<String, Object> env = new HashMap<>();
        env.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, loopback);
        env.put(RMIConnectorServer.RMI_CLIENT_SOCKET_FACTORY_ATTRIBUTE, loopback);
        // Port 0: the OS picks a free port; the address then carries the stub, so no RMI registry is needed.
        connectorServer = JMXConnectorServerFactory.newJMXConnectorServer(
                new JMXServiceURL("service:jmx:rmi://127.0.0.1:0"), env, MBeanServers.platform());
        connectorServer.start();
        client = JMXConnectorFactory.connect(connectorServer.getAddress());
    }

    @AfterEach
    void stopAndCheckNothingLeaked() throws Exception {
        if (client != null) {
            client.close();
        }
        if (connectorServer != null) {
            connectorServer.stop();
        }
        registrar.unregisterAll();
        pool.close();
        MBeanServers.assertNoWmonMBeanOnPlatform();
    }

    @Test
    void theConnectorUsesTheRmiProtocolWithoutARegistry() {
        assertThat(connectorServer.getAddress().getProtocol()).isEqualTo("rmi");
        assertThat(connectorServer.getAddress().getURLPath()).startsWith("/stub/");
    }

    @Test
    void aRemoteClientFindsEveryWmonBeanAndReadsEveryAttribute() throws Exception {
        MBeanServerConnection remote = client.getMBeanServerConnection();

        assertThat(remote.queryNames(ObjectNames.ALL, null)).containsExactlyInAnyOrder(ObjectNames.worker(),
                ObjectNames.redisPool("shared"), ObjectNames.circuitBreaker("redis"), ObjectNames.fleet("test"));
        MXBeanReadBack.assertReadsBack(remote, ObjectNames.worker(), WorkerMXBean.class,
                WorkerMBeanTest.expectedAttributes(WorkerSnapshotTest.full()));
        MXBeanReadBack.assertReadsBack(remote, ObjectNames.redisPool("shared"), RedisPoolMXBean.class,
                RedisPoolMBeanTest.untouchedPoolAttributes("redis://127.0.0.1:" + redisPort, "wmon:agent:test:jmx"));

        assertThat(remote.getAttribute(ObjectNames.circuitBreaker("redis"), "State")).isEqualTo("CLOSED");
        assertThat(remote.getAttribute(ObjectNames.circuitBreaker("redis"), "NotPermittedCallCount")).isEqualTo(0L);

        assertThat(remote.getAttribute(ObjectNames.fleet("test"), "WorkerCount")).isEqualTo(-1);
        assertThat(remote.getAttribute(ObjectNames.fleet("test"), "Workers")).isInstanceOfSatisfying(
                javax.management.openmbean.TabularData.class, table -> {
                    assertThat(table.isEmpty()).isTrue();
                    assertThat(table.getTabularType()).isEqualTo(FleetView.TABLE_TYPE);
                });

        published.set(published.get().toBuilder().state("paused").build());
        assertThat(remote.getAttribute(ObjectNames.worker(), "State")).isEqualTo("paused");
    }

    @Test
    void everyBeanAttributeAndNotificationExplainsItselfAndNumbersCarryUnits() throws Exception {
        MBeanServerConnection remote = client.getMBeanServerConnection();
        Map<String, String> unitOfSuffix = Map.of("Millis", Units.MILLISECONDS, "Micros", Units.MICROSECONDS,
                "Bytes", Units.BYTES, "Connections", Units.CONNECTIONS);
        Set<ObjectName> names = remote.queryNames(ObjectNames.ALL, null);
        assertThat(names).hasSize(4);
        for (ObjectName name : names) {
            MBeanInfo info = remote.getMBeanInfo(name);
            assertThat(info.getDescription()).as(name + " description")
                    .isNotBlank().doesNotContain("Information on the management interface");
            assertThat(info.getConstructors()).as(name + " lists no constructor").isEmpty();
            for (MBeanAttributeInfo attribute : info.getAttributes()) {
                String what = name + " " + attribute.getName();
                assertThat(attribute.getDescription()).as(what).isNotBlank().isNotEqualTo(attribute.getName())
                        .hasSizeGreaterThan(20);
                Object units = attribute.getDescriptor().getFieldValue("units");
                unitOfSuffix.forEach((suffix, unit) -> {
                    if (attribute.getName().endsWith(suffix)) {
                        assertThat(units).as(what + " units").isEqualTo(unit);
                    }
                });
                boolean numeric = attribute.getType().equals("long") || attribute.getType().equals("int");
                // A ...Count is a count of something (count, sockets, ...); Pid is an identifier, not a quantity.
                if (numeric && !attribute.getName().equals("Pid") || attribute.getName().endsWith("Count")) {
                    assertThat(units).as(what + " is a number and carries units").isNotNull();
                }
            }
            for (MBeanNotificationInfo notification : info.getNotifications()) {
                assertThat(notification.getDescription()).as(name + " notification").isNotBlank()
                        .isNotEqualTo(notification.getNotifTypes()[0]).hasSizeGreaterThan(30);
            }
            assertThat(info.getOperations()).as(name + " has no operation").isEmpty();
        }
    }

    @Test
    void aRemoteListenerReceivesStateChangesAsOpenData() throws Exception {
        MBeanServerConnection remote = client.getMBeanServerConnection();
        NotificationCollector listener = new NotificationCollector();
        remote.addNotificationListener(ObjectNames.worker(), listener, null, null);

        worker.stateChanged("idle", "busy", "job-9");

        await().atMost(Duration.ofSeconds(10)).until(() -> listener.received().size() == 1);
        Notification n = listener.received().get(0);
        assertThat(n.getType()).isEqualTo(NotificationTypes.WORKER_STATE);
        assertThat(n.getSource()).isEqualTo(ObjectNames.worker());
        assertThat(n.getSequenceNumber()).isEqualTo(1L);
        CompositeData data = (CompositeData) n.getUserData();
        assertThat(data.getCompositeType().getTypeName()).isEqualTo("io.wmon.WorkerStateChange");
        assertThat(data.get("to")).isEqualTo("busy");
        assertThat(data.get("job")).isEqualTo("job-9");
        remote.removeNotificationListener(ObjectNames.worker(), listener);
    }

    @Test
    void theRemoteClientSeesTheBeansGoWhenTheyAreUnregistered() throws Exception {
        MBeanServerConnection remote = client.getMBeanServerConnection();
        ObjectName worker = ObjectNames.worker();
        assertThat(remote.isRegistered(worker)).isTrue();

        registrar.unregisterAll();

        assertThat(remote.queryNames(ObjectNames.ALL, null)).isEmpty();
    }
}
