package io.wmon.core.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wmon.test.RedisServerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Connection discipline of the per-JVM registry, counted on a real server with CLIENT LIST. */
@Timeout(60)
class SharedPoolRegistryTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String NAME = ConnectionNames.agent("test", "registry");

    private final SharedPoolRegistry registry = SharedPoolRegistry.jvm();

    @AfterEach
    void noWmonConnectionOutlivesATest() {
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(REDIS.probe().countClients("wmon:")).isZero());
    }

    private RedisEndpoint endpoint() {
        return RedisEndpoint.parse(REDIS.url());
    }

    @Test
    void thousandAcquiresFromEightThreadsShareOnePoolOfAtMostMaxTotalConnections() throws Exception {
        int poolsBefore = registry.openPoolCount();
        List<SharedPool> leases = Collections.synchronizedList(new ArrayList<>());
        AtomicLong maxSeenOnServer = new AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            int call = i;
            done.add(threads.submit(() -> {
                SharedPool lease = registry.acquire(endpoint(), NAME, PoolSettings.defaults());
                leases.add(lease);
                lease.run(client -> client.set("k" + call, "v"));
                if (call % 100 == 0) {
                    maxSeenOnServer.accumulateAndGet(REDIS.probe().countClients(NAME), Math::max);
                }
            }));
        }
        try {
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
            threads.shutdown();

            assertThat(registry.openPoolCount()).isEqualTo(poolsBefore + 1);
            assertThat(leases).hasSize(1_000);
            PoolStats stats = leases.get(0).stats();
            assertThat(stats.borrowedCount()).isGreaterThanOrEqualTo(1_000);
            assertThat(stats.returnedCount()).isEqualTo(stats.borrowedCount());
            assertThat(stats.createdCount()).isBetween(1L, 4L);
            assertThat(maxSeenOnServer.get()).isBetween(1L, 4L);
            assertThat(REDIS.probe().countClients(NAME)).isBetween(1L, 4L);
            assertThat(REDIS.probe().clients()).allSatisfy(c -> assertThat(c.name()).isEqualTo(NAME));
        } finally {
            leases.forEach(SharedPool::close);
        }

        assertThat(registry.openPoolCount()).isEqualTo(poolsBefore);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(REDIS.probe().countClients("wmon:")).isZero());
    }

    @Test
    void theSameEndpointGivesTheSamePool() {
        try (SharedPool a = registry.acquire(endpoint(), NAME, PoolSettings.defaults());
                SharedPool b = registry.acquire(RedisEndpoint.parse(REDIS.url()), "another-name", PoolSettings.defaults())) {
            long before = b.stats().borrowedCount();
            a.run(c -> c.ping());
            a.run(c -> c.ping());

            assertThat(b.stats().borrowedCount() - before).isEqualTo(2);
            assertThat(b.clientName()).isEqualTo(NAME);
            Object poolOfA = a.call(c -> c);
            Object poolOfB = b.call(c -> c);
            assertThat(poolOfA).isSameAs(poolOfB);
        }
    }

    @Test
    void closingALeaseTwiceReleasesOnlyOnce() {
        SharedPool keeper = registry.acquire(endpoint(), NAME, PoolSettings.defaults());
        SharedPool other = registry.acquire(endpoint(), NAME, PoolSettings.defaults());
        other.close();
        other.close();

        keeper.run(c -> c.ping());
        assertThat(REDIS.probe().countClients(NAME)).isEqualTo(1);
        keeper.close();
    }

    @Test
    void idleConnectionsAreEvicted() {
        PoolSettings fastEviction = PoolSettings.defaults().withEviction(Duration.ofMillis(100), Duration.ofMillis(200));
        try (SharedPool lease = registry.acquire(endpoint(), NAME, fastEviction)) {
            lease.run(c -> c.ping());
            assertThat(REDIS.probe().countClients(NAME)).isEqualTo(1);

            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(REDIS.probe().countClients(NAME)).isZero());
            assertThat(lease.stats().idle()).isZero();
        }
    }

    @Test
    void aSaturatedPoolFailsFastWithItsOwnExceptionAndCountsIt() throws Exception {
        PoolSettings one = PoolSettings.defaults().withMaxTotal(1).withMaxWait(Duration.ofMillis(200));
        try (SharedPool lease = registry.acquire(endpoint(), NAME, one)) {
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            // A pipeline keeps its connection borrowed until it is closed.
            Thread holder = new Thread(() -> lease.run(c -> {
                try (redis.clients.jedis.AbstractPipeline pipeline = c.pipelined()) {
                    pipeline.get("held");
                    pipeline.sync();
                    holding.countDown();
                    await().until(() -> release.getCount() == 0);
                }
            }));
            holder.start();
            holding.await();

            RedisUnavailableException error = null;
            try {
                lease.run(c -> c.ping());
            } catch (RedisUnavailableException e) {
                error = e;
            }
            release.countDown();
            holder.join();

            assertThat(error).isNotNull();
            assertThat(error.getMessage()).contains("pool exhausted").contains(endpoint().redacted());
            assertThat(lease.stats().exhaustedCount()).isEqualTo(1);
            assertThat(REDIS.probe().countClients(NAME)).isEqualTo(1);
        }
    }

    @Test
    void aClosedLeaseRefusesWork() {
        SharedPool lease = registry.acquire(endpoint(), NAME, PoolSettings.defaults());
        lease.close();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> lease.run(c -> c.ping()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
