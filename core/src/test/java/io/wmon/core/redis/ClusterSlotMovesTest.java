package io.wmon.core.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.wmon.test.topology.Failover;
import io.wmon.test.topology.RedisClusterDeployment;
import io.wmon.test.topology.RedisClusterExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * A real cluster of three masters with a replica each, and the pipelines wmon sends through the shared
 * pool (Jedis renews its slot map for single commands only): after {@code CLUSTER FAILOVER} the old master
 * answers {@code MOVED}, after a master's kill and its replica's promotion the old node refuses the
 * connection; either way the first call after the move succeeds on the new master, and the pool's
 * connections stay within its bound on every node and close with it. With every node frozen, the
 * renewal of the slot map runs beside the failing call, not in it.
 */
@Timeout(120)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterSlotMovesTest {

    @RegisterExtension
    static final RedisClusterExtension CLUSTER = new RedisClusterExtension(RedisClusterDeployment.builder().replicasPerMaster(1));

    private static final String NAME = ConnectionNames.cli("slot-moves", 1);
    private static final String KEY = "wmon:{moves}:k";
    private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(30);

    @AfterEach
    void noConnectionOutlivesThePool() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(runningCounts()).allSatisfy(
                (node, count) -> assertThat(count).as("connections named %s on %s", NAME, node).isZero()));
    }

    @Test
    @Order(1)
    void aPipelineFollowsAManualFailoverAtItsFirstCall() {
        try (SharedPool pool = acquire()) {
            HostAndPort master = writtenAndReplicated(pool, "manual");

            Failover failover = CLUSTER.failOver(master, FAILOVER_TIMEOUT);

            assertThat(pool.call(ClusterSlotMovesTest::pipelinedGet)).as("the first call after the failover").isEqualTo("manual");
            assertThat(pool.breaker().failedCallCount()).isZero();
            assertThat(CLUSTER.nodeFor(KEY)).isEqualTo(failover.newMaster());
            assertWithinBound(pool);
        }
    }

    @Test
    @Order(2)
    void aPipelineFollowsAKilledMastersReplicaAtItsFirstCallAfterThePromotion() {
        try (SharedPool pool = acquire()) {
            HostAndPort master = writtenAndReplicated(pool, "killed");

            CLUSTER.killMaster(master);
            Failover failover = CLUSTER.awaitFailover(FAILOVER_TIMEOUT);

            assertThat(pool.call(ClusterSlotMovesTest::pipelinedGet)).as("the first call after the promotion").isEqualTo("killed");
            assertThat(pool.breaker().failedCallCount()).isZero();
            assertThat(failover.newMaster()).isNotEqualTo(master);
            assertWithinBound(pool);
        } finally {
            CLUSTER.nodes().forEach(CLUSTER::start);
        }
    }

    @Test
    @Order(3)
    void aWholeClusterFrozenCostsAFailingCallNoWaitForTheRenewal() {
        Duration timeout = Duration.ofSeconds(1);
        try (SharedPool pool = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(CLUSTER.url()), NAME,
                PoolSettings.defaults().withTimeouts(timeout))) {
            assertThat(pool.call(ClusterSlotMovesTest::pipelinedGet)).isEqualTo("killed");
            CLUSTER.nodes().forEach(CLUSTER::pause);
            RedisUnavailableException failure;
            long tookMillis;
            try {
                long start = System.nanoTime();
                failure = catchThrowableOfType(RedisUnavailableException.class, () -> pool.call(ClusterSlotMovesTest::pipelinedGet));
                tookMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
                assertThat(renewalThreads()).as("renewals running").isBetween(0L, 1L);
            } finally {
                CLUSTER.nodes().forEach(CLUSTER::resume);
            }
            assertThat(failure.reason()).isEqualTo(RedisUnavailableException.Reason.UNREACHABLE);
            // Jedis's pipeline waits out the socket timeout up to three times; a renewal on the caller's
            // thread would add one timeout per seed and node asked (12 here).
            assertThat(tookMillis).isLessThan(5 * timeout.toMillis());
            CLUSTER.awaitHealthy();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(pool.call(ClusterSlotMovesTest::pipelinedGet)).isEqualTo("killed"));
            await().atMost(Duration.ofSeconds(10)).until(() -> renewalThreads() == 0);
            System.out.printf("whole cluster frozen: the failing call took %d ms with a %d ms socket timeout%n",
                    tookMillis, timeout.toMillis());
        }
    }

    private static long renewalThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(ClusterTopologyClient.REFRESH_THREAD)).count();
    }

    private static SharedPool acquire() {
        return SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(CLUSTER.url()), NAME, PoolSettings.defaults());
    }

    /** Sets the key to {@code value} in a pipeline and waits until the replica has it; returns the key's master. */
    private static HostAndPort writtenAndReplicated(SharedPool pool, String value) {
        pool.run(client -> pipelinedSet(client, value));
        HostAndPort master = CLUSTER.nodeFor(KEY);
        assertThat(CLUSTER.probe(master).command("WAIT", "1", "5000")).isEqualTo(1L);
        return master;
    }

    private static Void pipelinedSet(UnifiedJedis client, String value) {
        try (AbstractPipeline pipeline = client.pipelined()) {
            pipeline.set(KEY, value);
            pipeline.sync();
        }
        return null;
    }

    private static String pipelinedGet(UnifiedJedis client) {
        try (AbstractPipeline pipeline = client.pipelined()) {
            Response<String> value = pipeline.get(KEY);
            pipeline.sync();
            return value.get();
        }
    }

    private static void assertWithinBound(SharedPool pool) {
        assertThat(runningCounts()).allSatisfy((node, count) -> assertThat(count).as("connections on %s", node)
                .isBetween(0L, (long) PoolSettings.defaults().maxTotal()));
        assertThat(runningCounts().values().stream().mapToLong(Long::longValue).sum()).isPositive();
    }

    private static Map<HostAndPort, Long> runningCounts() {
        Map<HostAndPort, Long> counts = new java.util.LinkedHashMap<>();
        for (HostAndPort node : CLUSTER.nodes()) {
            if (CLUSTER.deployment().isRunning(node)) {
                counts.put(node, CLUSTER.probe(node).countClients(NAME));
            }
        }
        return counts;
    }
}
