package io.wmon.mbeans;

import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.core.pubsub.PubSubHub;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * The Pub/Sub MBean on a real hub whose connector always fails, as when Redis is down: the hub keeps
 * its subscriptions and retries in the background, and the getters report that from memory.
 */
@Timeout(30)
class PubSubMBeanTest {

    private static final ObjectName NAME = ObjectNames.pubSub();

    private final AtomicInteger connectAttempts = new AtomicInteger();
    private final PubSubHub hub = new PubSubHub("redis://127.0.0.1:1", () -> {
        connectAttempts.incrementAndGet();
        throw new JedisConnectionException("nothing listens here");
    });
    private final PubSubMBean bean = new PubSubMBean(hub);
    private MBeanRegistrar registrar;

    @AfterEach
    void closeAndCheckNothingLeaked() {
        if (registrar != null) {
            registrar.unregisterAll();
        }
        hub.close();
        MBeanServers.assertNoWmonMBeanOnPlatform();
    }

    private MBeanServer registeredOn(MBeanServer server) {
        registrar = new MBeanRegistrar(server);
        assertThat(registrar.register(NAME, bean)).isTrue();
        return server;
    }

    private static Map<String, Object> attributes(boolean connected, int channels, int patterns, int subscribers) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Connected", connected);
        m.put("ChannelCount", channels);
        m.put("PatternCount", patterns);
        m.put("SubscriberCount", subscribers);
        m.put("MessagesReceivedCount", 0L);
        m.put("ReconnectCount", 0L);
        return m;
    }

    @ParameterizedTest
    @MethodSource("io.wmon.mbeans.MBeanServers#both")
    void anUnusedHubReportsNothingAndNeverConnects(MBeanServer server) throws Exception {
        MXBeanReadBack.assertReadsBack(registeredOn(server), NAME, PubSubMXBean.class, attributes(false, 0, 0, 0));
        assertThat(connectAttempts).hasValue(0);
    }

    @ParameterizedTest
    @MethodSource("io.wmon.mbeans.MBeanServers#both")
    void subscriptionsCountWhileTheConnectionIsDown(MBeanServer server) throws Exception {
        registeredOn(server);
        hub.subscribe("jobs", (channel, message) -> { });
        hub.subscribe("jobs", (channel, message) -> { });
        hub.psubscribe("events:*", (channel, message) -> { });

        MXBeanReadBack.assertReadsBack(server, NAME, PubSubMXBean.class, attributes(false, 1, 1, 3));
    }
}
