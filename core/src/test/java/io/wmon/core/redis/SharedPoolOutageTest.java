package io.wmon.core.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wmon.test.RedisServerExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
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
            Pool<?> poolBefore = lease.call(c -> c.getPool());

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
            Pool<?> poolAfter = lease.call(c -> c.getPool());
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
}
