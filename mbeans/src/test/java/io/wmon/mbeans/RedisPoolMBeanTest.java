package io.wmon.mbeans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wmon.core.redis.PoolSettings;
import io.wmon.core.redis.RedisEndpoint;
import io.wmon.core.redis.RedisUnavailableException;
import io.wmon.core.redis.SharedPool;
import io.wmon.core.redis.SharedPoolRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pool MBean on a real shared pool whose endpoint has nothing listening: pools never connect
 * eagerly, so every counter is 0, and the getters answer although Redis is unreachable.
 */
class RedisPoolMBeanTest {

    private static final ObjectName NAME = ObjectNames.redisPool("shared");
    private static final String CLIENT_NAME = "wmon:agent:test:pool-mbean";

    private int port;
    private SharedPool pool;
    private RedisPoolMBean bean;
    private MBeanRegistrar registrar;

    /** A loopback port that was free a moment ago; nothing listens on it during the test. */
    static int unusedLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @BeforeEach
    void openPool() throws IOException {
        port = unusedLoopbackPort();
        pool = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse("redis://:s3cret@127.0.0.1:" + port), CLIENT_NAME,
                PoolSettings.defaults());
        bean = new RedisPoolMBean(pool);
    }

    @AfterEach
    void closeAndCheckNothingLeaked() {
        if (registrar != null) {
            registrar.unregisterAll();
        }
        pool.close();
        MBeanServers.assertNoWmonMBeanOnPlatform();
    }

    private MBeanServer registeredOn(MBeanServer server) {
        registrar = new MBeanRegistrar(server);
        assertThat(registrar.register(NAME, bean)).isTrue();
        return server;
    }

    static Map<String, Object> untouchedPoolAttributes(String endpoint, String clientName) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Endpoint", endpoint);
        m.put("Name", clientName);
        m.put("MaxTotal", 4);
        m.put("MaxIdle", 4);
        m.put("MinIdle", 0);
        m.put("Active", 0);
        m.put("Idle", 0);
        m.put("Waiters", 0);
        m.put("CreatedCount", 0L);
        m.put("DestroyedCount", 0L);
        m.put("BorrowedCount", 0L);
        m.put("ReturnedCount", 0L);
        m.put("MeanBorrowWaitMillis", 0L);
        m.put("MaxBorrowWaitMillis", 0L);
        m.put("ExhaustedCount", 0L);
        return m;
    }

    @ParameterizedTest
    @MethodSource("io.wmon.mbeans.MBeanServers#both")
    void everyAttributeReadsBackWithThePasswordRedacted(MBeanServer server) throws Exception {
        MXBeanReadBack.assertReadsBack(registeredOn(server), NAME, RedisPoolMXBean.class,
                untouchedPoolAttributes("redis://:****@127.0.0.1:" + port, CLIENT_NAME));
        assertThat((String) server.getAttribute(NAME, "Endpoint")).doesNotContain("s3cret");
    }

    @Test
    void gettersAnswerFromMemoryWhileRedisIsUnreachable() throws Exception {
        MBeanServer server = registeredOn(MBeanServerFactory.newMBeanServer());
        assertThatThrownBy(() -> pool.run(client -> client.ping())).isInstanceOf(RedisUnavailableException.class);

        assertThat(server.getAttribute(NAME, "MaxTotal")).isEqualTo(4);
        assertThat(server.getAttribute(NAME, "Active")).isEqualTo(0);
        assertThat(server.getAttribute(NAME, "ExhaustedCount")).as("a refused connection is not exhaustion").isEqualTo(0L);
        assertThat(server.getAttribute(NAME, "BorrowedCount")).isEqualTo(0L);
    }

    @ParameterizedTest
    @MethodSource("io.wmon.mbeans.MBeanServers#both")
    void poolExhaustedReachesAListenerWithItsUserData(MBeanServer server) throws Exception {
        registeredOn(server);
        NotificationCollector listener = new NotificationCollector();
        server.addNotificationListener(NAME, listener, null, null);

        bean.poolExhausted(1);
        bean.poolExhausted(2);

        List<Notification> received = listener.received();
        assertThat(received).extracting(Notification::getType).containsExactly(NotificationTypes.POOL_EXHAUSTED,
                NotificationTypes.POOL_EXHAUSTED);
        assertThat(received).extracting(Notification::getSequenceNumber).containsExactly(1L, 2L);
        assertThat(received).extracting(Notification::getSource).containsOnly(NAME);
        assertThat(received.get(1).getMessage()).contains(CLIENT_NAME, "all 4 connections in use", "2 times")
                .doesNotContain("s3cret");
        CompositeData data = (CompositeData) received.get(1).getUserData();
        assertThat(data.getCompositeType()).isEqualTo(RedisPoolMBean.EXHAUSTED_TYPE);
        assertThat(data.getAll(new String[] {"endpoint", "clientName", "maxTotal", "exhaustedCount"}))
                .containsExactly("redis://:****@127.0.0.1:" + port, CLIENT_NAME, 4, 2L);
        assertThat(server.getMBeanInfo(NAME).getNotifications()[0].getNotifTypes())
                .containsExactly(NotificationTypes.POOL_EXHAUSTED);

        server.removeNotificationListener(NAME, listener);
    }
}
