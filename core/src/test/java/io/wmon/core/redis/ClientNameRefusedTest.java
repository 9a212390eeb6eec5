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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.AbstractPipeline;

/**
 * A user without {@code +client|setname} (an ACL, a managed service): the pool works with unnamed
 * connections and says so once, and stops asking, so that the server's ACL log holds one denial.
 * Regression test: Jedis drops the refusal of its own {@code CLIENT SETNAME} without a word.
 */
@Timeout(60)
class ClientNameRefusedTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String NAMELESS = "wmon-test-nameless";
    private static final String NAMED = "wmon-test-named";
    private static final String PASSWORD = "acl-pw-9fX2";
    private static final String NAME = ConnectionNames.agent("acl", "w-1");

    @BeforeAll
    static void createUsers() {
        REDIS.probe().command("ACL", "SETUSER", NAMELESS, "reset", "on", ">" + PASSWORD, "~wmon:*", "+ping", "+hset");
        REDIS.probe().command("ACL", "SETUSER", NAMED, "reset", "on", ">" + PASSWORD, "~wmon:*", "+ping", "+hset",
                "+client|setname");
    }

    @AfterAll
    static void deleteUsers() {
        REDIS.probe().command("ACL", "DELUSER", NAMELESS, NAMED);
    }

    @AfterEach
    void noConnectionOfTheUsersOutlivesATest() {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(ofUser(NAMELESS)).isEmpty());
        REDIS.probe().command("ACL", "LOG", "RESET");
    }

    private static List<ClientInfo> ofUser(String user) {
        return REDIS.probe().clients().stream().filter(c -> user.equals(c.fields().get("user"))).toList();
    }

    private static RedisEndpoint as(String user) {
        return RedisEndpoint.parse(REDIS.url().replace("redis://", "redis://" + user + ":" + PASSWORD + "@"));
    }

    @Test
    void withoutClientSetnameThePoolWorksUnnamedAndSaysWhyOnce() throws Exception {
        try (SharedPool pool = SharedPoolRegistry.jvm().acquire(as(NAMELESS), NAME, PoolSettings.defaults())) {
            holdConnectionsAtOnce(pool, 3);

            List<ClientInfo> connections = ofUser(NAMELESS);
            assertThat(connections).hasSize(3).allSatisfy(c -> assertThat(c.name()).isEmpty());
            assertThat(REDIS.probe().countClients(NAME)).isZero();
            assertThat(pool.namingRefusal())
                    .startsWith("Redis at " + as(NAMELESS).redacted() + " refused CLIENT SETNAME (NOPERM")
                    .contains("client|setname").contains(NAME).doesNotContain(PASSWORD).doesNotContain("\n");
            // One denial in the server's ACL log, not one per connection: the pool stopped asking.
            assertThat(deniedSetnames()).isEqualTo(1);
        }
    }

    @Test
    void withClientSetnameEveryConnectionIsNamed() throws Exception {
        try (SharedPool pool = SharedPoolRegistry.jvm().acquire(as(NAMED), NAME, PoolSettings.defaults())) {
            holdConnectionsAtOnce(pool, 2);

            assertThat(REDIS.probe().countClients(NAME)).isEqualTo(2);
            assertThat(ofUser(NAMED)).hasSize(2);
            assertThat(pool.namingRefusal()).isNull();
            assertThat(deniedSetnames()).isZero();
        }
    }

    /** Makes the pool open {@code n} connections: {@code n} threads each hold one until all have one. */
    private static void holdConnectionsAtOnce(SharedPool pool, int n) throws Exception {
        CountDownLatch all = new CountDownLatch(n);
        ExecutorService threads = Executors.newFixedThreadPool(n);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                // A pipeline holds its connection until closed.
                done.add(threads.submit(() -> pool.run(client -> {
                    try (AbstractPipeline pipeline = client.pipelined()) {
                        pipeline.hset("wmon:{acl}:hold", "f", "v");
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

    /** How many times the server refused {@code client|setname}, from {@code ACL LOG}. */
    private static long deniedSetnames() {
        Object log = REDIS.probe().command("ACL", "LOG");
        long count = 0;
        for (Object entry : (List<?>) log) {
            List<?> fields = (List<?>) entry;
            String object = null;
            long times = 0;
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                String key = new String((byte[]) fields.get(i));
                Object value = fields.get(i + 1);
                if (key.equals("object")) {
                    object = new String((byte[]) value);
                } else if (key.equals("count")) {
                    times = (Long) value;
                }
            }
            if ("client|setname".equals(object)) {
                count += times;
            }
        }
        return count;
    }
}
