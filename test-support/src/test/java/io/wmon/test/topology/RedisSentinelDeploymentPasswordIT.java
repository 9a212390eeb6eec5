package io.wmon.test.topology;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Deployments whose servers ask for passwords ({@code dataPassword}, {@code sentinelPassword}): a client
 * without {@code AUTH} is refused, the deployment itself still gets ready, fails over and takes a server
 * back. Each test starts its own deployment and stops it before the next starts, to spare a loaded machine.
 */
@Timeout(value = 180, unit = SECONDS)
class RedisSentinelDeploymentPasswordIT {

    /** Generous for a loaded 2-core machine; a failover here takes a few seconds. */
    private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(30);
    /** A quote on the command line: Redis 7 quotes option arguments itself. */
    private static final String DATA_PASSWORD = "data'pw-1";
    /** A quote and a backslash in the config file: the file must quote them. */
    private static final String SENTINEL_PASSWORD = "sen\"ti\\nel-2";

    /** A client of the test's own, outside the harness: no password, no client name. */
    private static Jedis bare(HostAndPort server) {
        return new Jedis(server.getHost(), server.getPort(), HarnessConnections.SETUP_TIMEOUT_MILLIS);
    }

    private static void assertNoAuth(HostAndPort server, Consumer<Jedis> command) {
        try (Jedis jedis = bare(server)) {
            assertThatThrownBy(() -> command.accept(jedis)).as("%s without AUTH", server)
                    .isInstanceOf(JedisDataException.class).hasMessageStartingWith("NOAUTH");
        }
    }

    @Test
    void withBothPasswordsEveryServerRefusesAClientWithoutAuthAndTheDeploymentStillFailsOver() {
        RedisSentinelDeployment.Builder builder = RedisSentinelDeployment.builder()
                .dataPassword(DATA_PASSWORD).sentinelPassword(SENTINEL_PASSWORD);
        try (RedisSentinelDeployment deployment = builder.start()) {
            builder.dataPassword("changed-later").sentinelPassword("changed-later");
            assertThat(deployment.dataPassword()).isEqualTo(DATA_PASSWORD);
            assertThat(deployment.sentinelPassword()).isEqualTo(SENTINEL_PASSWORD);
            assertThat(deployment.url()).doesNotContain("@").startsWith("redis-sentinel://127.0.0.1:");
            HostAndPort master = deployment.dataNodes().get(0);
            HostAndPort replica = deployment.dataNodes().get(1);
            assertThat(deployment.master()).isEqualTo(master);

            for (HostAndPort sentinel : deployment.sentinels()) {
                assertNoAuth(sentinel, jedis -> jedis.sentinelGetMasterAddrByName(deployment.masterName()));
                try (Jedis jedis = bare(sentinel)) {
                    jedis.auth(SENTINEL_PASSWORD);
                    assertThat(jedis.sentinelGetMasterAddrByName(deployment.masterName()))
                            .containsExactly(master.getHost(), Integer.toString(master.getPort()));
                    // requirepass is what a sentinel also sends the others: they must still reach each other.
                    List<Map<String, String>> peers = jedis.sentinelSentinels(deployment.masterName());
                    assertThat(peers).as("peers of %s", sentinel).hasSize(2)
                            .allSatisfy(peer -> assertThat(peer).containsEntry("flags", "sentinel"));
                }
                assertThat(deployment.probe(sentinel).info("sentinel")).contains("sentinels=3");
            }
            assertNoAuth(master, Jedis::ping);
            assertNoAuth(replica, Jedis::ping);
            assertThat(InfoFields.parse(deployment.probe(master).info("replication")))
                    .containsEntry("role", "master").containsEntry("connected_slaves", "1");
            // Each sentinel holds a command and a Pub/Sub connection to the master: authenticated, or they would be gone.
            assertThat(deployment.masterProbe().countClients("sentinel-")).isEqualTo(2L * deployment.sentinels().size());
            try (Jedis jedis = deployment.connect(master)) {
                jedis.set("before", "failover");
            }
            assertThat(deployment.probe(master).command("WAIT", "1", "5000")).isEqualTo(1L);
            System.out.printf("password sentinel deployment ready in %d ms%n", deployment.startupTime().toMillis());

            assertThat(deployment.killMaster()).isEqualTo(master);
            Failover failover = deployment.awaitFailover(FAILOVER_TIMEOUT);
            assertThat(failover.newMaster()).isEqualTo(replica);
            assertNoAuth(replica, Jedis::ping);
            try (Jedis jedis = deployment.connect(replica)) {
                assertThat(jedis.get("before")).isEqualTo("failover");
            }
            System.out.printf("password failover: promoted after %d ms, every sentinel agreed after %d ms%n",
                    failover.promotedAfter().toMillis(), failover.agreedAfter().toMillis());

            long began = System.nanoTime();
            deployment.start(master);
            System.out.printf("old master back as an authenticated replica in sync in %d ms%n",
                    Duration.ofNanos(System.nanoTime() - began).toMillis());
            assertNoAuth(master, Jedis::ping);
            assertThat(InfoFields.parse(deployment.probe(master).info("replication"))).containsEntry("role", "slave")
                    .containsEntry("master_port", Integer.toString(replica.getPort()))
                    .containsEntry("master_link_status", "up");
        }
    }

    @Test
    void withOnlyASentinelPasswordTheDataNodesStayOpenAndTheDeploymentFailsOver() {
        try (RedisSentinelDeployment deployment = RedisSentinelDeployment.builder().sentinelPassword(SENTINEL_PASSWORD).start()) {
            assertThat(deployment.dataPassword()).isNull();
            HostAndPort master = deployment.master();
            assertNoAuth(deployment.sentinels().get(0), jedis -> jedis.sentinelGetMasterAddrByName(deployment.masterName()));
            try (Jedis jedis = bare(master)) {
                assertThat(jedis.ping()).isEqualTo("PONG");
            }

            assertThat(deployment.killMaster()).isEqualTo(master);
            Failover failover = deployment.awaitFailover(FAILOVER_TIMEOUT);
            try (Jedis jedis = bare(failover.newMaster())) {
                assertThat(InfoFields.parse(jedis.info("replication"))).containsEntry("role", "master");
            }
            System.out.printf("sentinel-password failover: promoted after %d ms, every sentinel agreed after %d ms%n",
                    failover.promotedAfter().toMillis(), failover.agreedAfter().toMillis());
        }
    }
}
