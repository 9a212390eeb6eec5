package io.wmon.test.topology;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisSentinelClient;

/**
 * One deployment for the class, its tests in order: ready at start, a failover that a Jedis client follows,
 * then the old master back as a replica and a second failover onto it.
 */
@Timeout(value = 180, unit = SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisSentinelDeploymentIT {

    /** Generous for a loaded 2-core machine; a failover here takes a few seconds. */
    private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    static final RedisSentinelExtension SENTINEL = new RedisSentinelExtension();

    @Test
    @Order(1)
    void startsWithTheFirstDataNodeAsMasterAndTheSecondInSync() {
        RedisSentinelDeployment deployment = SENTINEL.deployment();
        HostAndPort master = deployment.dataNodes().get(0);
        HostAndPort replica = deployment.dataNodes().get(1);

        assertThat(SENTINEL.master()).isEqualTo(master);
        assertThat(SENTINEL.masterName()).isEqualTo(RedisSentinelDeployment.DEFAULT_MASTER_NAME);
        assertThat(SENTINEL.url()).isEqualTo("redis-sentinel://" + SENTINEL.sentinels().get(0) + ","
                + SENTINEL.sentinels().get(1) + "," + SENTINEL.sentinels().get(2) + "/wmon-master");
        Map<String, String> replication = InfoFields.parse(SENTINEL.probe(replica).info("replication"));
        assertThat(replication).containsEntry("role", "slave").containsEntry("master_link_status", "up")
                .containsEntry("master_port", Integer.toString(master.getPort()));
        for (HostAndPort sentinel : SENTINEL.sentinels()) {
            try (Jedis jedis = SENTINEL.connect(sentinel)) {
                assertThat(jedis.sentinelSentinels(SENTINEL.masterName())).as("peers of %s", sentinel).hasSize(2);
                assertThat(jedis.sentinelReplicas(SENTINEL.masterName())).as("replicas seen by %s", sentinel).hasSize(1);
            }
        }
        // Each sentinel holds a command and a Pub/Sub connection to the master, named sentinel-<id>-cmd / -pubsub.
        assertThat(SENTINEL.masterProbe().countClients("sentinel-")).isEqualTo(2L * SENTINEL.sentinels().size());
        System.out.printf("sentinel deployment (1 master, 1 replica, 3 sentinels) ready in %d ms%n",
                deployment.startupTime().toMillis());
    }

    @Test
    @Order(2)
    void aKilledMasterIsReplacedByTheReplicaAndRedisSentinelClientFollows() {
        HostAndPort master = SENTINEL.master();
        HostAndPort replica = SENTINEL.deployment().dataNodes().get(1);
        try (RedisSentinelClient client = RedisSentinelClient.builder().masterName(SENTINEL.masterName())
                .sentinels(Set.copyOf(SENTINEL.sentinels())).build()) {
            client.set("before", "written to " + master);
            // The write must have reached the replica, or the failover would rightly lose it.
            assertThat(SENTINEL.probe(master).command("WAIT", "1", "5000")).isEqualTo(1L);

            assertThat(SENTINEL.killMaster()).isEqualTo(master);
            Failover failover = SENTINEL.awaitFailover(FAILOVER_TIMEOUT);

            assertThat(failover.oldMaster()).isEqualTo(master);
            assertThat(failover.newMaster()).isEqualTo(replica);
            assertThat(failover.promotedAfter()).isPositive().isLessThanOrEqualTo(failover.agreedAfter());
            assertThat(SENTINEL.master()).isEqualTo(replica);
            await("the client writing to the new master").atMost(FAILOVER_TIMEOUT).pollInterval(Duration.ofMillis(50))
                    .ignoreExceptions().untilAsserted(() -> assertThat(client.set("after", "written")).isEqualTo("OK"));
            assertThat(client.getCurrentMaster()).isEqualTo(replica);
            try (Jedis jedis = SENTINEL.connect(replica)) {
                assertThat(jedis.get("before")).isEqualTo("written to " + master);
                assertThat(jedis.get("after")).isEqualTo("written");
            }
            System.out.printf("failover: promoted after %d ms, every sentinel agreed after %d ms%n",
                    failover.promotedAfter().toMillis(), failover.agreedAfter().toMillis());
        }
    }

    @Test
    @Order(3)
    void theOldMasterStartedAgainBecomesAReplicaAndTheNextFailoverGoesBackToIt() {
        HostAndPort oldMaster = SENTINEL.deployment().dataNodes().get(0);
        HostAndPort master = SENTINEL.master();
        assertThat(master).isNotEqualTo(oldMaster);

        SENTINEL.start(oldMaster);
        Map<String, String> replication = InfoFields.parse(SENTINEL.probe(oldMaster).info("replication"));
        assertThat(replication).containsEntry("role", "slave")
                .containsEntry("master_port", Integer.toString(master.getPort()));

        assertThat(SENTINEL.killMaster()).isEqualTo(master);
        Failover failover = SENTINEL.awaitFailover(FAILOVER_TIMEOUT);
        assertThat(failover.newMaster()).isEqualTo(oldMaster);
        System.out.printf("second failover: promoted after %d ms, every sentinel agreed after %d ms%n",
                failover.promotedAfter().toMillis(), failover.agreedAfter().toMillis());
    }

    @Test
    @Order(4)
    void refusesWhatItCannotDo() {
        assertThatThrownBy(() -> SENTINEL.awaitFailover(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class)
                .hasMessage("no master was killed: call killMaster() first");
        assertThatThrownBy(() -> SENTINEL.start(SENTINEL.sentinels().get(0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("is a sentinel; only the data nodes can be killed and started");
        assertThatThrownBy(() -> SENTINEL.probe(new HostAndPort("127.0.0.1", 1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("127.0.0.1:1 is not a server of this deployment");
        assertThat(SENTINEL.url("other")).endsWith("/other");
    }
}
