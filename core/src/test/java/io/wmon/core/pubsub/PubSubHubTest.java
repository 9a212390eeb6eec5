package io.wmon.core.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wmon.core.redis.ConnectionNames;
import io.wmon.core.redis.PoolSettings;
import io.wmon.core.redis.RedisEndpoint;
import io.wmon.core.redis.SharedPool;
import io.wmon.core.redis.SharedPoolRegistry;
import io.wmon.test.ClientInfo;
import io.wmon.test.RedisServerExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The one dedicated subscriber connection, counted on a real server. */
@Timeout(60)
class PubSubHubTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String POOL_NAME = ConnectionNames.agent("test", "hub");
    private static final String PUBSUB_NAME = ConnectionNames.pubSub("test", "hub");

    private SharedPool pool;
    private PubSubHub hub;

    @BeforeEach
    void openPool() {
        pool = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(REDIS.url()), POOL_NAME, PoolSettings.defaults());
        hub = pool.pubSub();
    }

    @AfterEach
    void closePoolAndCheckNothingRemains() {
        pool.close();
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(REDIS.probe().countClients("wmon:")).isZero());
    }

    private long publish(String channel, String message) {
        return pool.call(c -> c.publish(channel, message));
    }

    @Test
    void noSubscriptionMeansNoConnection() {
        assertThat(hub.isConnected()).isFalse();
        assertThat(REDIS.probe().countClients(PUBSUB_NAME)).isZero();
    }

    @Test
    void channelsAndPatternsShareOneNamedConnection() {
        List<String> a = new CopyOnWriteArrayList<>();
        List<String> b = new CopyOnWriteArrayList<>();
        List<String> p = new CopyOnWriteArrayList<>();
        try (Subscription s1 = hub.subscribe("jobs", (ch, m) -> a.add(m));
                Subscription s2 = hub.subscribe("jobs", (ch, m) -> b.add(m));
                Subscription s3 = hub.psubscribe("wmon:*", (ch, m) -> p.add(ch + "=" + m))) {
            await().until(() -> publish("jobs", "x") == 1 && publish("wmon:t", "y") == 1);

            await().untilAsserted(() -> {
                assertThat(a).contains("x");
                assertThat(b).contains("x");
                assertThat(p).contains("wmon:t=y");
            });
            List<ClientInfo> subscribers = REDIS.probe().clients().stream()
                    .filter(c -> c.name().equals(PUBSUB_NAME)).toList();
            assertThat(subscribers).hasSize(1);
            assertThat(subscribers.get(0).sub()).isEqualTo(1);
            assertThat(subscribers.get(0).psub()).isEqualTo(1);
            assertThat(hub.channelCount()).isEqualTo(1);
            assertThat(hub.patternCount()).isEqualTo(1);
            assertThat(hub.subscriberCount()).isEqualTo(3);
            assertThat(hub.messagesReceivedCount()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void closingOneListenerKeepsTheOther() {
        List<String> kept = new CopyOnWriteArrayList<>();
        try (Subscription keep = hub.subscribe("c", (ch, m) -> kept.add(m))) {
            Subscription gone = hub.subscribe("c", (ch, m) -> { });
            gone.close();
            gone.close();

            await().until(() -> publish("c", "m") == 1);
            await().untilAsserted(() -> assertThat(kept).contains("m"));
            assertThat(hub.subscriberCount()).isEqualTo(1);
        }
    }

    @Test
    void thousandSubscribeUnsubscribeCyclesNeverHoldMoreThanOneConnection() throws Exception {
        AtomicLong maxSubscribers = new AtomicLong();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                maxSubscribers.accumulateAndGet(REDIS.probe().countClients("wmon:pubsub:"), Math::max);
            }
        });
        sampler.start();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            String channel = (i % 2 == 0 ? "chan-" : "pat-") + (i % 7);
            boolean pattern = i % 2 == 1;
            done.add(threads.submit(() -> {
                Subscription s = pattern ? hub.psubscribe(channel + "*", (c, m) -> { })
                        : hub.subscribe(channel, (c, m) -> { });
                s.close();
            }));
        }
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        threads.shutdown();

        assertThat(hub.subscriberCount()).isZero();
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(REDIS.probe().countClients("wmon:pubsub:")).isZero());
        sampling.set(false);
        sampler.join();
        assertThat(maxSubscribers.get()).isLessThanOrEqualTo(1);
        assertThat(hub.isConnected()).isFalse();
    }

    @Test
    void resubscribesAfterRedisRestarts() {
        List<String> received = new CopyOnWriteArrayList<>();
        try (Subscription s = hub.subscribe("events", (ch, m) -> received.add(m));
                Subscription p = hub.psubscribe("ev*", (ch, m) -> received.add("p:" + m))) {
            await().until(() -> publish("events", "before") == 2);

            REDIS.restart();

            await().atMost(Duration.ofSeconds(15)).until(() -> {
                try {
                    return publish("events", "after") == 2;
                } catch (RuntimeException notYet) {
                    return false;
                }
            });
            await().untilAsserted(() -> assertThat(received).contains("before", "after", "p:after"));
            assertThat(hub.reconnectCount()).isGreaterThanOrEqualTo(1);
            assertThat(REDIS.probe().countClients(PUBSUB_NAME)).isEqualTo(1);
        }
    }

    @Test
    void aClosedHubRefusesSubscriptions() {
        hub.subscribe("x", (c, m) -> { });
        hub.close();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> hub.subscribe("y", (c, m) -> { }))
                .isInstanceOf(IllegalStateException.class);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(REDIS.probe().countClients(PUBSUB_NAME)).isZero());
    }
}
