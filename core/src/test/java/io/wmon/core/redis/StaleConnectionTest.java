package io.wmon.core.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.test.RedisServerExtension;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.params.ClientKillParams;

/**
 * Regression: with Redis's {@code timeout} shorter than the pause between two calls, or after a
 * {@code CLIENT KILL}, every other call failed on a connection the server had already closed.
 * Now such a call is run once more on a fresh connection and succeeds.
 */
@Timeout(60)
class StaleConnectionTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String NAME = ConnectionNames.agent("test", "stale");

    @AfterEach
    void noTimeout() {
        admin(jedis -> jedis.configSet("timeout", "0"));
    }

    @Test
    void aConnectionClosedByRedisTimeoutCostsNoFailedCall() throws Exception {
        admin(jedis -> jedis.configSet("timeout", "1"));
        try (SharedPool lease = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(REDIS.url()), NAME,
                PoolSettings.defaults())) {
            for (int i = 0; i < 3; i++) {
                String pong = lease.call(c -> c.ping());
                assertThat(pong).isEqualTo("PONG");
                Thread.sleep(2_200); // the server closes the idle connection after 1 s (checked ~10 times a second)
            }
            String pong = lease.call(c -> c.ping());
            assertThat(pong).isEqualTo("PONG");
            assertThat(lease.breaker().failedCallCount()).isZero();
            assertThat(lease.stats().createdCount()).as("a fresh connection per closed one").isEqualTo(4);
        }
    }

    @Test
    void aClientKillStormCostsNoFailedCall() throws Exception {
        try (SharedPool lease = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(REDIS.url()), NAME,
                PoolSettings.defaults())) {
            for (int i = 0; i < 20; i++) {
                String value = Integer.toString(i);
                String ok = lease.call(c -> c.set("k", value));
                assertThat(ok).isEqualTo("OK");
                admin(jedis -> jedis.clientKill(new ClientKillParams().type(ClientType.NORMAL)
                        .skipMe(ClientKillParams.SkipMe.YES)));
                Thread.sleep(50);
            }
            assertThat(lease.breaker().failedCallCount()).isZero();
            assertThat(REDIS.probe().countClients(NAME)).isLessThanOrEqualTo(1);
        }
    }

    private static void admin(Consumer<Jedis> action) {
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
            action.accept(jedis);
        }
    }
}
