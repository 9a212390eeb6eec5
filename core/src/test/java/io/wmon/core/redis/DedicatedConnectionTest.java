package io.wmon.core.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wmon.test.RedisServerExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/** The one connection outside the pool, for blocking reads, against a real redis-server. */
@Timeout(60)
class DedicatedConnectionTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String POOL_NAME = ConnectionNames.agent("dedicated", "w1");
    private static final String NAME = ConnectionNames.stream("dedicated", "w1");

    private static String ping(AbstractPipeline pipeline) {
        Response<String> pong = pipeline.executeCommand(new CommandObject<>(new CommandArguments(Protocol.Command.PING),
                BuilderFactory.STRING));
        pipeline.sync();
        return pong.get();
    }

    private static SharedPool lease() {
        return SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(REDIS.url()), POOL_NAME, PoolSettings.defaults());
    }

    @Test
    void opensOneNamedConnectionOnFirstUseOutsideThePoolAndClosesIt() {
        // Another test's pool connection may still be closing on the server.
        await().atMost(Duration.ofSeconds(5)).until(() -> REDIS.probe().countClients("wmon:") == 0);
        try (SharedPool lease = lease(); DedicatedConnection dedicated = lease.openDedicated(NAME, "any")) {
            assertThat(REDIS.probe().countClients(NAME)).as("nothing before the first call").isZero();
            long pooled = REDIS.probe().countClients(POOL_NAME);
            for (int i = 0; i < 5; i++) {
                assertThat(dedicated.call(DedicatedConnectionTest::ping)).isEqualTo("PONG");
            }
            assertThat(REDIS.probe().countClients(NAME)).as("one connection, reused").isEqualTo(1);
            assertThat(REDIS.probe().countClients(POOL_NAME)).as("the pool opened none for it").isEqualTo(pooled);
            dedicated.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> REDIS.probe().countClients(NAME) == 0);
            assertThatThrownBy(() -> dedicated.call(DedicatedConnectionTest::ping)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
        }
    }

    @Test
    void closeEndsAReadBlockedOnAnotherThread() throws Exception {
        try (SharedPool lease = lease()) {
            DedicatedConnection dedicated = lease.openDedicated(NAME, "any");
            dedicated.call(DedicatedConnectionTest::ping);
            CompletableFuture<List<Map.Entry<String, List<StreamEntry>>>> blocked = CompletableFuture.supplyAsync(
                    () -> dedicated.call(pipeline -> {
                        Response<List<Map.Entry<String, List<StreamEntry>>>> read = pipeline.xread(
                                XReadParams.xReadParams().block(1_500), Map.of("wmon:{dedicated}:events", StreamEntryID.XREAD_NEW_ENTRY));
                        pipeline.sync();
                        return read.get();
                    }));
            Thread.sleep(200);
            long started = System.nanoTime();
            dedicated.close();
            try {
                blocked.get(5, TimeUnit.SECONDS);
            } catch (ExecutionException expected) {
                // The socket closed under the read.
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(1_500);
            await().atMost(Duration.ofSeconds(5)).until(() -> REDIS.probe().countClients(NAME) == 0);
        }
    }

    @Test
    void aRestartedRedisCostsOneFailedCallThenItReconnectsThroughTheBreaker() {
        try (SharedPool lease = lease(); DedicatedConnection dedicated = lease.openDedicated(NAME, "any")) {
            assertThat(dedicated.call(DedicatedConnectionTest::ping)).isEqualTo("PONG");
            REDIS.restart();
            assertThatThrownBy(() -> dedicated.call(DedicatedConnectionTest::ping)).isInstanceOf(RedisUnavailableException.class);
            assertThat(lease.breaker().failedCallCount()).isEqualTo(1);
            assertThat(dedicated.call(DedicatedConnectionTest::ping)).isEqualTo("PONG");
            assertThat(REDIS.probe().countClients(NAME)).isEqualTo(1);
        }
    }

    @Test
    void aStoppedRedisOpensTheSharedBreakerAndThenNoConnectionIsAttempted() {
        try (SharedPool lease = lease(); DedicatedConnection dedicated = lease.openDedicated(NAME, "any")) {
            REDIS.stop();
            try {
                for (int i = 0; i < RedisBreaker.FAILURE_THRESHOLD; i++) {
                    assertThatThrownBy(() -> dedicated.call(DedicatedConnectionTest::ping))
                            .isInstanceOf(RedisUnavailableException.class);
                }
                assertThat(lease.breaker().state()).isEqualTo(RedisBreaker.State.OPEN);
                assertThatThrownBy(() -> dedicated.call(DedicatedConnectionTest::ping)).isInstanceOf(BreakerOpenException.class);
                assertThatThrownBy(() -> lease.call(c -> c.ping())).as("the pool shares the breaker")
                        .isInstanceOf(BreakerOpenException.class);
            } finally {
                REDIS.start();
            }
        }
    }
}
