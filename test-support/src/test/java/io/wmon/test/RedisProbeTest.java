package io.wmon.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

@Timeout(30)
class RedisProbeTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private final RedisProbe probe = REDIS.probe();

    @BeforeEach
    void startClean() {
        REDIS.flushAll();
    }

    private static Jedis named(String name) {
        Jedis jedis = new Jedis(REDIS.host(), REDIS.port(), DefaultJedisClientConfig.builder()
                .clientName(name)
                .socketTimeoutMillis(2_000)
                .build());
        jedis.ping();
        return jedis;
    }

    @Test
    void countsNamedConnectionsAndSeesThemGo() {
        List<Jedis> opened = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            opened.add(named("wmon:test:" + i));
        }
        Jedis other = named("someone-else");
        try {
            assertThat(probe.countClients("wmon:test:")).isEqualTo(3);
            assertThat(probe.countClients("someone-else")).isEqualTo(1);

            opened.remove(0).close();
            opened.remove(0).close();
            await().atMost(Duration.ofSeconds(5)).until(() -> probe.countClients("wmon:test:") == 1);

            opened.remove(0).close();
            await().atMost(Duration.ofSeconds(5)).until(() -> probe.countClients("wmon:test:") == 0);
            assertThat(probe.countClients("someone-else")).isEqualTo(1);
        } finally {
            other.close();
            opened.forEach(Jedis::close);
        }
    }

    @Test
    void leavesItsOwnConnectionOut() {
        probe.info("server");
        assertThat(probe.countClients(RedisProbe.CLIENT_NAME)).isZero();
        assertThat(probe.clients()).noneMatch(client -> client.name().equals(RedisProbe.CLIENT_NAME));
    }

    @Test
    void showsSubscriptionsOfAConnection() throws InterruptedException {
        CountDownLatch subscribed = new CountDownLatch(2);
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onSubscribe(String channel, int subscribedChannels) {
                subscribed.countDown();
            }
        };
        Thread subscriber = new Thread(() -> {
            try (Jedis jedis = named("wmon:test:sub")) {
                jedis.subscribe(listener, "one", "two");
            }
        });
        subscriber.start();
        try {
            assertThat(subscribed.await(5, TimeUnit.SECONDS)).isTrue();
            ClientInfo client = probe.clients().stream()
                    .filter(c -> c.name().equals("wmon:test:sub"))
                    .findFirst().orElseThrow();
            assertThat(client.sub()).isEqualTo(2);
            assertThat(client.psub()).isZero();
            assertThat(client.cmd()).isEqualTo("subscribe");
            assertThat(client.laddr()).endsWith(":" + REDIS.port());
        } finally {
            listener.unsubscribe();
            subscriber.join(5_000);
        }
    }

    @Test
    void commandDeltaIgnoresProbeAndConnectionSetUp() {
        long before = probe.totalCommandCalls();
        long setsBefore = probe.commandCalls().getOrDefault("set", 0L);
        try (Jedis jedis = named("wmon:test:writer")) {
            probe.clients();
            probe.info("memory");
            jedis.set("a", "1");
            jedis.set("b", "2");
            jedis.set("c", "3");
            probe.countClients("wmon:");
        }
        assertThat(probe.totalCommandCalls() - before).isEqualTo(3);
        assertThat(probe.commandCalls().get("set") - setsBefore).isEqualTo(3);
    }

    @Test
    void resetStatsZeroesTheCounts() {
        assumeFalse(REDIS.kind().equals("external"), "others may be sending commands to an external server");
        try (Jedis jedis = named("wmon:test:writer")) {
            jedis.set("a", "1");
        }
        probe.resetStats();
        assertThat(probe.totalCommandCalls()).isZero();
        assertThat(probe.commandCalls()).isEmpty();
    }

    @Test
    void reconnectsAfterTheServerRestarted() {
        assertThat(probe.info("server")).contains("redis_version:");
        REDIS.restart();
        assertThat(probe.info("server")).contains("redis_version:");
        assertThat(probe.countClients(RedisProbe.CLIENT_NAME)).isZero();
    }
}
