package io.wmon.core.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wmon.test.ClientInfo;
import io.wmon.test.RedisServerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.AbstractPipeline;

/**
 * The pool knows the local port of each connection it holds open, exactly the ports the server
 * lists for the pool's name, and forgets them when the connections close; and it says "wmon" with
 * {@code CLIENT SETINFO} where the server has it, silently doing without where it does not.
 */
@Timeout(60)
class PoolSocketsTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String NAME = ConnectionNames.agent("sockets", "w-1");
    private static final Pattern ERRORS = Pattern.compile("errorstat_ERR:count=(\\d+)");

    @AfterEach
    void noWmonConnectionOutlivesATest() {
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(REDIS.probe().countClients("wmon:")).isZero());
    }

    private static RedisEndpoint endpoint() {
        return RedisEndpoint.parse(REDIS.url());
    }

    @Test
    void openSocketsAreTheServersConnectionsOfThePoolByPortAndAreForgottenWhenClosed() throws Exception {
        assertThat(REDIS.probe().countClients(NAME)).isZero();
        // Idle connections evicted after 0.5 s, so that the test sees them close the way they do in a worker.
        PoolSettings evictSoon = PoolSettings.defaults().withEviction(Duration.ofMillis(100), Duration.ofMillis(500));
        try (SharedPool pool = SharedPoolRegistry.jvm().acquire(endpoint(), NAME, evictSoon)) {
            holdConnectionsAtOnce(pool, 3);

            List<Integer> serverSide = portsOnServer(NAME);
            assertThat(serverSide).hasSize(3);
            assertThat(pool.openSockets()).extracting(SocketEnds::localPort)
                    .containsExactlyInAnyOrderElementsOf(serverSide);
            assertThat(pool.openSockets()).allSatisfy(ends -> {
                assertThat(ends.remotePort()).isEqualTo(REDIS.port());
                assertThat(ends.remoteAddress().isLoopbackAddress()).isTrue();
            });

            await("idle connections evicted").atMost(Duration.ofSeconds(10))
                    .until(() -> REDIS.probe().countClients(NAME) == 0);
            assertThat(pool.openSockets()).as("closed connections are forgotten").isEmpty();

            pool.run(client -> client.ping());
            assertThat(pool.openSockets()).extracting(SocketEnds::localPort)
                    .containsExactlyElementsOf(portsOnServer(NAME));
        }
        assertThat(REDIS.probe().countClients(NAME)).isZero();
    }

    /**
     * Redis 7.2 and later list {@code lib-name=wmon}; older servers have no {@code CLIENT SETINFO}:
     * the pool's connections work and are named all the same, and only the first connection asks.
     */
    @Test
    void clientSetInfoSaysWmonWhereTheServerHasItAndIsAskedOncePerPoolWhereNot() throws Exception {
        long errorsBefore = errors();
        try (SharedPool pool = SharedPoolRegistry.jvm().acquire(endpoint(), NAME, PoolSettings.defaults())) {
            pool.run(client -> client.ping());
            holdConnectionsAtOnce(pool, 3);

            List<ClientInfo> ours = REDIS.probe().clients().stream().filter(c -> c.name().equals(NAME)).toList();
            assertThat(ours).hasSize(3);
            assertThat(pool.namingRefusal()).isNull();
            if (serverHasClientSetInfo()) {
                assertThat(pool.clientInfoRefused()).isFalse();
                assertThat(ours).allSatisfy(c -> {
                    assertThat(c.fields()).containsEntry("lib-name", ClientLibrary.NAME);
                    assertThat(c.fields()).containsEntry("lib-ver", ClientLibrary.version());
                });
                assertThat(errors()).isEqualTo(errorsBefore);
            } else {
                assertThat(pool.clientInfoRefused()).isTrue();
                // Two refusals (lib-name, lib-ver) of the first connection; the later ones do not ask.
                assertThat(errors() - errorsBefore).isEqualTo(2);
            }
        }
    }

    @Test
    void aVersionIsSafeForClientSetInfo() {
        assertThat(ClientLibrary.version(null)).isEqualTo("dev");
        assertThat(ClientLibrary.version(" ")).isEqualTo("dev");
        assertThat(ClientLibrary.version("0.1.0-SNAPSHOT")).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(ClientLibrary.version("1.0 beta\n2")).isEqualTo("1.0_beta_2");
        assertThat(ClientLibrary.version("x".repeat(100))).hasSize(64);
    }

    private static boolean serverHasClientSetInfo() {
        Matcher m = Pattern.compile("redis_version:(\\d+)\\.(\\d+)").matcher(REDIS.probe().info("server"));
        assertThat(m.find()).isTrue();
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        return major > 7 || major == 7 && minor >= 2;
    }

    private static long errors() {
        Matcher m = ERRORS.matcher(REDIS.probe().info("errorstats"));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static List<Integer> portsOnServer(String name) {
        return REDIS.probe().clients().stream().filter(c -> c.name().equals(name))
                .map(c -> Integer.parseInt(c.addr().substring(c.addr().lastIndexOf(':') + 1)))
                .collect(Collectors.toList());
    }

    /** Makes the pool open {@code n} connections: {@code n} threads each hold one until all have one. */
    private static void holdConnectionsAtOnce(SharedPool pool, int n) throws Exception {
        CountDownLatch all = new CountDownLatch(n);
        ExecutorService threads = Executors.newFixedThreadPool(n);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                done.add(threads.submit(() -> pool.run(client -> {
                    try (AbstractPipeline pipeline = client.pipelined()) {
                        pipeline.exists("wmon:{sockets}:none");
                        pipeline.sync();
                        all.countDown();
                        all.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })));
            }
            for (Future<?> f : done) {
                f.get(20, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
