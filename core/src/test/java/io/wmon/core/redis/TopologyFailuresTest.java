package io.wmon.core.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.fleet.FleetReader;
import io.wmon.core.redis.RedisUnavailableException.Reason;
import io.wmon.test.FreePorts;
import io.wmon.test.RedisServerExtension;
import io.wmon.test.topology.RedisSentinelExtension;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisProtocol;

/**
 * The first errors of a Sentinel or Cluster URL that is wrong, each made for real: a seed that does
 * not answer, a seed that is not a cluster node, sentinels that do not answer or are frozen, a master name the
 * sentinels do not monitor, and a {@code redis://} URL pointed at a sentinel. Each is one line of our
 * own, and no connection is left open.
 */
class TopologyFailuresTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @RegisterExtension
    static final RedisSentinelExtension SENTINEL = new RedisSentinelExtension();

    private static final String NAME = "wmon:test:topology-failures";

    private static RedisUnavailableException failureOf(String url) {
        return failureOf(RedisEndpoint.parse(url));
    }

    private static RedisUnavailableException failureOf(RedisEndpoint endpoint) {
        try (SharedPool pool = SharedPoolRegistry.jvm().acquire(endpoint, NAME, PoolSettings.defaults())) {
            return catchThrowableOfType(RedisUnavailableException.class, () -> pool.run(c -> c.exists("k")));
        }
    }

    @Test
    void clusterSeedsThatDoNotAnswer() {
        int closed = FreePorts.find();
        RedisUnavailableException e = failureOf("redis-cluster://127.0.0.1:" + closed);
        assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
        assertThat(e).hasMessage("cannot reach Redis at redis-cluster://127.0.0.1:" + closed
                + " (no seed node answered: connection refused)");
    }

    @Test
    void aSeedThatIsNoClusterNode() {
        RedisUnavailableException e = failureOf("redis-cluster://" + REDIS.host() + ":" + REDIS.port());
        assertThat(e.reason()).isEqualTo(Reason.NOT_REDIS);
        assertThat(e).hasMessageContaining("is not a Redis Cluster node (cluster support disabled); use redis://");
        assertThat(REDIS.probe().countClients(NAME)).isZero();
    }

    @Test
    void sentinelsThatDoNotAnswer() {
        int closed = FreePorts.find();
        RedisUnavailableException e = failureOf("redis-sentinel://127.0.0.1:" + closed + "/mymaster");
        assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
        assertThat(e).hasMessageContaining("(no sentinel named master mymaster: each refused, timed out, or is not a sentinel)");
        RedisUnavailableException notSentinel = failureOf("redis-sentinel://" + REDIS.host() + ":" + REDIS.port() + "/mymaster");
        assertThat(notSentinel).hasMessageContaining("no sentinel named master mymaster");
    }

    @Test
    void aFrozenSentinelCostsOneTimeoutAndTheProbesSecond() {
        Duration timeout = Duration.ofSeconds(3);
        RedisEndpoint frozen = RedisEndpoint.parse("redis-sentinel://" + REDIS.host() + ":" + REDIS.port() + "/mymaster");
        RedisUnavailableException e;
        long tookMillis;
        REDIS.pause();
        try (SharedPool pool = SharedPoolRegistry.jvm().acquire(frozen, NAME, PoolSettings.defaults().withTimeouts(timeout))) {
            long start = System.nanoTime();
            e = catchThrowableOfType(RedisUnavailableException.class, () -> pool.run(c -> c.exists("k")));
            tookMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        } finally {
            REDIS.resume();
        }
        assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
        // Jedis's own ask waits out the socket timeout once; a second full wait would make it 6 s and more.
        assertThat(tookMillis).isBetween(timeout.toMillis(), 2 * timeout.toMillis() - 500);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(REDIS.probe().countClients(NAME)).isZero());
    }

    @Test
    void aMasterTheSentinelsDoNotMonitor() {
        RedisUnavailableException e = failureOf(SENTINEL.url("nosuch"));
        assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_MASTER);
        assertThat(e).hasMessage("the sentinels at " + RedisEndpoint.parse(SENTINEL.url("nosuch")).redacted()
                + " monitor no master named nosuch");
        assertThat(SENTINEL.masterProbe().countClients(NAME)).isZero();
    }

    @Test
    void aSentinelPasswordForSentinelsThatHaveNone() {
        RedisUnavailableException e = failureOf(RedisEndpoint.parse(SENTINEL.url()).withSentinelPassword("S3ntinel"));

        assertThat(e.reason()).isEqualTo(Reason.SENTINEL_CREDENTIALS_REFUSED);
        assertThat(e).hasMessage("the sentinel at " + SENTINEL.sentinels().get(0)
                + " has no password, but a sentinel password was given: give none");
        assertThat(SENTINEL.masterProbe().countClients(NAME)).isZero();
        for (HostAndPort sentinel : SENTINEL.sentinels()) {
            assertThat(SENTINEL.probe(sentinel).countClients(NAME)).as("on " + sentinel).isZero();
        }
    }

    @Test
    void aPlainUrlPointedAtASentinelSaysSo() {
        String url = "redis://" + SENTINEL.sentinels().get(0).getHost() + ":" + SENTINEL.sentinels().get(0).getPort();
        try (SharedPool pool = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(url), NAME, PoolSettings.defaults())) {
            FleetReader reader = new FleetReader(pool, FleetKeys.of("it"), Clock.systemUTC());
            assertThatThrownBy(reader::read).isInstanceOf(RedisUnavailableException.class)
                    .hasMessage("the server at " + url + " does not know ZRANGE: a Redis Sentinel? use"
                            + " redis-sentinel://host:26379/<master>, or the master's own address");
        }
    }

    @Test
    void theSentinelPoolFindsTheMasterAndCountsItsConnections() {
        try (SharedPool pool = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(SENTINEL.url()), NAME,
                PoolSettings.defaults())) {
            assertThat(pool.nodeStats()).as("no node before the first call").isEmpty();
            assertThat(pool.stats().maxTotal()).isEqualTo(PoolSettings.defaults().maxTotal());
            pool.run(c -> c.set("wmon:{it}:k", "v"));
            String master = SENTINEL.master().getHost() + ":" + SENTINEL.master().getPort();
            assertThat(pool.nodeStats()).containsOnlyKeys(master);
            assertThat(pool.untrackedConnections()).isEqualTo(1);
            assertThat(SENTINEL.masterProbe().countClients(NAME)).isEqualTo(1);
            // one +switch-master subscription per sentinel, named like the pool (the listeners connect on their own threads)
            for (HostAndPort sentinel : SENTINEL.sentinels()) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> SENTINEL.probe(sentinel).countClients(NAME) == 1);
            }
            assertThat(pool.callEachNode(c -> c.executeCommand(new CommandObjects(RedisProtocol.RESP3).get("wmon:{it}:k")))).singleElement()
                    .satisfies(reply -> assertThat(reply.value()).isEqualTo("v"));
        }
        assertThat(SENTINEL.masterProbe().countClients(NAME)).as("closed with the last lease").isZero();
        for (HostAndPort sentinel : SENTINEL.sentinels()) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> SENTINEL.probe(sentinel).countClients(NAME) == 0);
        }
    }
}
