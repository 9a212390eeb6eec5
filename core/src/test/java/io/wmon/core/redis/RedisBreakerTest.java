package io.wmon.core.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wmon.test.RedisServerExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared pool's circuit breaker against real failures: a listener that counts attempts, a stopped and restarted Redis. */
@Timeout(60)
class RedisBreakerTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String NAME = ConnectionNames.agent("test", "breaker");

    @Test
    void whileRedisRefusesUsTheProcessMakesAtMostOneAttemptPerBreakerDelay() throws Exception {
        Duration delay = Duration.ofMillis(200);
        try (CountingListener refusing = CountingListener.closingEachConnection();
                SharedPool lease = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(refusing.url()), NAME,
                        PoolSettings.defaults().withBreakerDelays(BreakerDelays.of(delay, Duration.ofSeconds(60))))) {
            int calls = 0;
            int refusedWithoutAttempt = 0;
            long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < end) {
                calls++;
                try {
                    lease.run(c -> c.ping());
                } catch (BreakerOpenException e) {
                    refusedWithoutAttempt++;
                    assertThat(e).hasMessageContaining("circuit breaker open, next attempt in");
                } catch (RedisUnavailableException e) {
                    assertThat(e).isNotInstanceOf(BreakerOpenException.class);
                }
                Thread.sleep(5);
            }

            // Three failures open it; then one trial per delay, doubling: 200, 400, 800, 1600 ms fit in 3 s.
            // Jedis opens a second socket on the client's very first connection (protocol negotiation).
            int maxAttempts = RedisBreaker.FAILURE_THRESHOLD + 4 + 1;
            assertThat(refusing.accepted()).as("connection attempts in 3 s of %d calls", calls)
                    .isBetween(RedisBreaker.FAILURE_THRESHOLD, maxAttempts);
            assertThat(refusedWithoutAttempt).isGreaterThan(calls / 2);
            RedisBreaker breaker = lease.breaker();
            assertThat(breaker.state()).isIn(RedisBreaker.State.OPEN, RedisBreaker.State.HALF_OPEN);
            assertThat(breaker.notPermittedCallCount()).isEqualTo(refusedWithoutAttempt);
            assertThat(breaker.failedCallCount()).isBetween(refusing.accepted() - 1L, (long) refusing.accepted());
            assertThat(breaker.delayMillis()).isGreaterThan(delay.toMillis());
        }
    }

    @Test
    void aBreakerOpenedByAStoppedRedisClosesOnTheFirstTrialAfterItReturns() {
        List<String> changes = new CopyOnWriteArrayList<>();
        try (SharedPool lease = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(REDIS.url()), NAME,
                PoolSettings.defaults().withBreakerDelays(BreakerDelays.of(Duration.ofMillis(300), Duration.ofSeconds(60))))) {
            lease.breaker().addListener(new RedisBreaker.Listener() {
                @Override
                public void opened(String cause, Duration delay) {
                    changes.add("open: " + cause + " for " + delay.toMillis() + " ms");
                }

                @Override
                public void closed() {
                    changes.add("closed");
                }
            });
            lease.run(c -> c.ping());
            REDIS.stop();
            try {
                for (int i = 0; i < RedisBreaker.FAILURE_THRESHOLD; i++) {
                    assertThatThrownBy(() -> lease.run(c -> c.ping())).isInstanceOf(RedisUnavailableException.class)
                            .isNotInstanceOf(BreakerOpenException.class);
                }
                assertThat(lease.breaker().state()).isEqualTo(RedisBreaker.State.OPEN);
                assertThatThrownBy(() -> lease.run(c -> c.ping())).isInstanceOf(BreakerOpenException.class)
                        .hasMessageContaining("connection refused");
            } finally {
                REDIS.start();
            }

            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                    .until(() -> "PONG".equals(lease.call(c -> c.ping())));
            assertThat(lease.breaker().state()).isEqualTo(RedisBreaker.State.CLOSED);
            assertThat(changes).containsExactly("open: cannot reach Redis at " + RedisEndpoint.parse(REDIS.url()).redacted()
                    + " (connection refused) for 300 ms", "closed");
            assertThat(REDIS.probe().countClients(NAME)).isEqualTo(1);
        }
    }

    @Test
    void aSaturatedPoolAndACommandRedisRejectsDoNotOpenTheBreaker() throws Exception {
        try (SharedPool lease = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(REDIS.url()), NAME,
                PoolSettings.defaults().withMaxTotal(1).withMaxWait(Duration.ofMillis(100)))) {
            lease.run(c -> c.set("a-string", "x"));
            for (int i = 0; i < RedisBreaker.WINDOW; i++) {
                assertThatThrownBy(() -> lease.run(c -> c.lpush("a-string", "y")))
                        .isNotInstanceOf(RedisUnavailableException.class);
            }
            Thread holder = new Thread(() -> lease.run(c -> c.blpop(1.0, "wmon-test-empty")));
            holder.start();
            await().until(() -> lease.usage().active() == 1);
            for (int i = 0; i < RedisBreaker.WINDOW; i++) {
                assertThatThrownBy(() -> lease.run(c -> c.ping())).isInstanceOf(RedisUnavailableException.class)
                        .satisfies(e -> assertThat(((RedisUnavailableException) e).isPoolExhausted()).isTrue());
            }
            holder.join();

            assertThat(lease.breaker().state()).isEqualTo(RedisBreaker.State.CLOSED);
            assertThat(lease.breaker().failedCallCount()).isZero();
        }
    }
}
