package io.wmon.mbeans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wmon.core.redis.PoolSettings;
import io.wmon.core.redis.RedisEndpoint;
import io.wmon.core.redis.RedisUnavailableException;
import io.wmon.core.redis.SharedPool;
import io.wmon.core.redis.SharedPoolRegistry;
import io.wmon.test.RedisServerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The pool and Pub/Sub MBeans on the platform server, over a shared pool that really talks to a real redis-server. */
@Timeout(60)
class RedisBackedMBeansTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String CLIENT_NAME = "wmon:agent:test:mbeans";
    private static final ObjectName POOL = ObjectNames.redisPool("shared");

    private final MBeanServer server = MBeanServers.platform();
    private final MBeanRegistrar registrar = new MBeanRegistrar(server);
    private final List<SharedPool> leases = new ArrayList<>();

    @AfterEach
    void closeAndCheckNothingLeaked() {
        registrar.unregisterAll();
        leases.forEach(SharedPool::close);
        MBeanServers.assertNoWmonMBeanOnPlatform();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(REDIS.probe().countClients("wmon:")).isZero());
    }

    /** A lease on the pool for database {@code db} of the test server: another database is another pool. */
    private SharedPool pool(int db, PoolSettings settings) {
        SharedPool pool = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(REDIS.url() + "/" + db), CLIENT_NAME, settings);
        leases.add(pool);
        return pool;
    }

    private Object attribute(ObjectName name, String attribute) throws Exception {
        return server.getAttribute(name, attribute);
    }

    @Test
    void countersFollowRealTrafficAndMatchTheServersClientList() throws Exception {
        SharedPool pool = pool(0, PoolSettings.defaults());
        registrar.register(POOL, new RedisPoolMBean(pool));
        long borrowedBefore = pool.stats().borrowedCount();
        for (int i = 0; i < 50; i++) {
            int n = i;
            pool.run(client -> client.set("k" + n, "v"));
        }

        Map<String, Object> expected = new LinkedHashMap<>();
        var stats = pool.stats();
        expected.put("Endpoint", pool.endpoint().redacted());
        expected.put("Name", CLIENT_NAME);
        expected.put("MaxTotal", 4);
        expected.put("MaxIdle", 4);
        expected.put("MinIdle", 0);
        expected.put("Active", 0);
        expected.put("Idle", stats.idle());
        expected.put("Waiters", 0);
        expected.put("CreatedCount", stats.createdCount());
        expected.put("DestroyedCount", stats.destroyedCount());
        expected.put("BorrowedCount", borrowedBefore + 50);
        expected.put("ReturnedCount", borrowedBefore + 50);
        expected.put("MeanBorrowWaitMillis", stats.meanBorrowWaitMillis());
        expected.put("MaxBorrowWaitMillis", stats.maxBorrowWaitMillis());
        expected.put("ExhaustedCount", 0L);
        MXBeanReadBack.assertReadsBack(server, POOL, RedisPoolMXBean.class, expected);
        assertThat(stats.createdCount()).isBetween(1L, 4L);
        assertThat((long) REDIS.probe().countClients(CLIENT_NAME)).as("Idle is what CLIENT LIST shows")
                .isEqualTo((long) (int) attribute(POOL, "Idle"));
    }

    @Test
    void readingAttributesSendsNoCommandAndOpensNoConnection() throws Exception {
        SharedPool pool = pool(0, PoolSettings.defaults());
        registrar.register(POOL, new RedisPoolMBean(pool));
        pool.run(client -> client.ping());
        long commandsBefore = REDIS.probe().totalCommandCalls();
        long connectionsBefore = REDIS.probe().clients().size();

        RedisPoolMXBean poolProxy = JMX.newMXBeanProxy(server, POOL, RedisPoolMXBean.class);
        for (int i = 0; i < 200; i++) {
            poolProxy.getActive();
            poolProxy.getCreatedCount();
            poolProxy.getMeanBorrowWaitMillis();
        }

        assertThat(REDIS.probe().totalCommandCalls()).isEqualTo(commandsBefore);
        assertThat(REDIS.probe().clients()).hasSize((int) connectionsBefore);
    }

    @Test
    void aSaturatedPoolShowsInActiveWaitersAndExhaustedCount() throws Exception {
        SharedPool pool = pool(1, PoolSettings.defaults().withMaxTotal(1).withMaxWait(Duration.ofMillis(500)));
        registrar.register(POOL, new RedisPoolMBean(pool));
        // BLPOP on an empty list holds the pool's only connection for 1.5 s (under the 2 s socket timeout).
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> pool.run(client -> client.blpop(1.5, "wmon-test-empty")));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() -> (int) attribute(POOL, "Active") == 1);

        CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> pool.run(client -> client.ping()));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                .until(() -> (int) attribute(POOL, "Waiters") == 1 || waiter.isDone());
        assertThatThrownBy(() -> waiter.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(RedisUnavailableException.class);

        assertThat(attribute(POOL, "MaxTotal")).isEqualTo(1);
        assertThat(attribute(POOL, "Active")).isEqualTo(1);
        assertThat(attribute(POOL, "ExhaustedCount")).isEqualTo(1L);
        assertThat((long) attribute(POOL, "MaxBorrowWaitMillis")).isLessThan(5_000L);
        holder.get(10, TimeUnit.SECONDS);
        assertThat(attribute(POOL, "Active")).isEqualTo(0);
        assertThat(attribute(POOL, "Waiters")).isEqualTo(0);
    }
}
