package io.wmon.core.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wmon.test.RedisServerExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.resps.Tuple;
import redis.clients.jedis.util.Pool;

/** Redis stopped, restarted and frozen under a live pool: our own exception, then recovery on the same pool. */
@Timeout(60)
class SharedPoolOutageTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String NAME = ConnectionNames.agent("test", "outage");

    @Test
    void stoppedRedisFailsWithOurExceptionThenTheSamePoolWorksAfterARestart() {
        RedisEndpoint endpoint = RedisEndpoint.parse(REDIS.url());
        try (SharedPool lease = SharedPoolRegistry.jvm().acquire(endpoint, NAME, PoolSettings.defaults())) {
            lease.run(c -> c.set("before", "1"));
            Object poolBefore = lease.call(c -> c);

            REDIS.stop();
            assertThatThrownBy(() -> lease.run(c -> c.get("before")))
                    .isInstanceOf(RedisUnavailableException.class)
                    .hasMessageStartingWith("cannot reach Redis at " + endpoint.redacted());
            assertThatThrownBy(() -> lease.run(c -> c.get("before")))
                    .isInstanceOf(RedisUnavailableException.class)
                    .hasMessageContaining("connection refused");

            REDIS.start();
            // The first call after the restart succeeds: dead idle connections were cleared on failure.
            lease.run(c -> c.set("after", "2"));

            String after = lease.call(c -> c.get("after"));
            Object poolAfter = lease.call(c -> c);
            assertThat(after).isEqualTo("2");
            assertThat(poolAfter).isSameAs(poolBefore);
            assertThat(REDIS.probe().countClients(NAME)).isEqualTo(1);
        }
    }

    @Test
    void frozenRedisTimesOutWithinTheSocketTimeoutThenRecovers() {
        RedisEndpoint endpoint = RedisEndpoint.parse(REDIS.url());
        PoolSettings shortTimeouts = PoolSettings.defaults().withTimeouts(Duration.ofMillis(300));
        try (SharedPool lease = SharedPoolRegistry.jvm().acquire(endpoint, NAME, shortTimeouts)) {
            lease.run(c -> c.ping());

            REDIS.pause();
            try {
                assertThatThrownBy(() -> lease.run(c -> c.ping()))
                        .isInstanceOf(RedisUnavailableException.class)
                        .hasMessageContaining("timed out");
            } finally {
                REDIS.resume();
            }

            String pong = lease.call(c -> c.ping());
            assertThat(pong).isEqualTo("PONG");
        }
    }

    @Test
    void aPoolCanBeCreatedWhileRedisIsDown() {
        REDIS.stop();
        try (SharedPool lease = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(REDIS.url()), NAME,
                PoolSettings.defaults())) {
            assertThatThrownBy(() -> lease.run(c -> c.ping())).isInstanceOf(RedisUnavailableException.class);

            REDIS.start();
            String pong = lease.call(c -> c.ping());
            assertThat(pong).isEqualTo("PONG");
        }
    }

    /**
     * Regression: building the client asked the server for its protocol on a connection of its own,
     * so creating a pool cost a connection attempt outside the circuit breaker (and the socket timeout
     * when the server hangs).
     */
    @Test
    void creatingAPoolOpensNoConnection() {
        REDIS.probe().clients();
        long before = connectionsReceived();
        try (SharedPool lease = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(REDIS.url()), NAME,
                PoolSettings.defaults())) {
            assertThat(connectionsReceived() - before).as("connections the server accepted").isZero();
            lease.run(c -> c.ping());
            assertThat(connectionsReceived() - before).isEqualTo(1);
        }
    }

    @Test
    void creatingAPoolAgainstAServerThatNeverAnswersReturnsAtOnce() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            try (SharedPool lease = SharedPoolRegistry.jvm().acquire(
                    RedisEndpoint.parse("redis://127.0.0.1:" + silent.getLocalPort()), NAME, PoolSettings.defaults())) {
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
                assertThat(lease.stats().createdCount()).isZero();
            }
        }
    }

    /**
     * Regression: a pool created while Redis was down decoded replies as RESP2 while its connections
     * negotiated RESP3 once Redis was back, so reading a hash failed with a ClassCastException
     * ({@code wmon status --continuous} started during an outage ended with an internal error).
     */
    @Test
    void aPoolCreatedWhileRedisIsDownReadsHashesOnceItIsBack() {
        REDIS.stop();
        try (SharedPool lease = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(REDIS.url()), NAME,
                PoolSettings.defaults())) {
            assertThatThrownBy(() -> lease.run(c -> c.ping())).isInstanceOf(RedisUnavailableException.class);
            REDIS.start();

            lease.run(c -> c.hset("h", Map.of("a", "1", "b", "2")));
            Map<String, String> hash = lease.call(c -> c.hgetAll("h"));
            List<Tuple> scores = lease.call(c -> {
                c.zadd("z", 5, "m");
                return c.zrangeWithScores("z", 0, -1);
            });
            assertThat(hash).isEqualTo(Map.of("a", "1", "b", "2"));
            assertThat(scores).singleElement().satisfies(t -> assertThat(t.getScore()).isEqualTo(5.0));
        }
    }

    private static long connectionsReceived() {
        return REDIS.probe().info("stats").lines().filter(line -> line.startsWith("total_connections_received:"))
                .mapToLong(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).trim())).findFirst()
                .orElseThrow();
    }
}
