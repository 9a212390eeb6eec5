package io.wmon.test.topology;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;

/**
 * A cluster of three masters with one replica each: formed in sync, a killed master's replica promoted
 * with the data written before the kill, the old master back as the new master's replica, and a live
 * master's slots handed to its replica ({@code CLUSTER FAILOVER}).
 */
@Timeout(value = 120, unit = SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicatedClusterIT {

    private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    static final RedisClusterExtension CLUSTER = new RedisClusterExtension(RedisClusterDeployment.builder().replicasPerMaster(1));

    @Test
    @Order(1)
    void formsThreeMastersEachWithAReplicaInSync() {
        assertThat(CLUSTER.nodes()).hasSize(6);
        assertThat(CLUSTER.deployment().replicas()).isEqualTo(3);
        assertThat(CLUSTER.slotMap().slotCounts().keySet()).containsExactlyElementsOf(CLUSTER.nodes().subList(0, 3));
        try (Jedis jedis = CLUSTER.connect(CLUSTER.node(0))) {
            List<ClusterNodeEntry> entries = ClusterNodeEntry.parseAll(jedis.clusterNodes());
            assertThat(entries).filteredOn(ClusterNodeEntry::isReplica).extracting(ClusterNodeEntry::address)
                    .containsExactlyInAnyOrderElementsOf(CLUSTER.nodes().subList(3, 6));
        }
        for (int k = 0; k < 3; k++) {
            Map<String, String> replication = InfoFields.parse(CLUSTER.probe(CLUSTER.node(3 + k)).info("replication"));
            assertThat(replication).containsEntry("role", "slave").containsEntry("master_link_status", "up")
                    .containsEntry("master_port", Integer.toString(CLUSTER.node(k).getPort()));
        }
    }

    @Test
    @Order(2)
    void aKilledMastersReplicaServesItsSlotsWithTheDataWrittenBefore() {
        HostAndPort master = CLUSTER.nodeFor("{a}key");
        HostAndPort replica = CLUSTER.node(3 + CLUSTER.nodes().indexOf(master));
        DefaultJedisClientConfig config = DefaultJedisClientConfig.builder().clientName("wmon:it:replicated").build();
        try (RedisClusterClient client = RedisClusterClient.builder().nodes(Set.copyOf(CLUSTER.nodes()))
                .clientConfig(config).build()) {
            client.set("{a}key", "before");
            assertThat(CLUSTER.probe(master).command("WAIT", "1", "5000")).isEqualTo(1L);

            CLUSTER.killMaster(master);
            Failover failover = CLUSTER.awaitFailover(FAILOVER_TIMEOUT);

            assertThat(failover.oldMaster()).isEqualTo(master);
            assertThat(failover.newMaster()).isEqualTo(replica);
            assertThat(failover.promotedAfter()).isPositive().isLessThanOrEqualTo(failover.agreedAfter());
            assertThat(CLUSTER.nodeFor("{a}key")).isEqualTo(replica);
            await("the client reading from the new master").atMost(FAILOVER_TIMEOUT).pollInterval(Duration.ofMillis(50))
                    .ignoreExceptions().untilAsserted(() -> assertThat(client.get("{a}key")).isEqualTo("before"));
            System.out.printf("cluster failover: promoted after %d ms, every running node agreed after %d ms%n",
                    failover.promotedAfter().toMillis(), failover.agreedAfter().toMillis());
        }
    }

    @Test
    @Order(3)
    void theOldMasterComesBackAsTheNewMastersReplica() {
        HostAndPort oldMaster = CLUSTER.nodes().stream().filter(node -> !CLUSTER.deployment().isRunning(node))
                .findFirst().orElseThrow();
        HostAndPort newMaster = CLUSTER.nodeFor("{a}key");

        CLUSTER.start(oldMaster);

        assertThat(InfoFields.parse(CLUSTER.probe(oldMaster).info("replication"))).containsEntry("role", "slave")
                .containsEntry("master_link_status", "up").containsEntry("master_port", Integer.toString(newMaster.getPort()));
        assertThat(CLUSTER.slotMap().rangesOf(oldMaster)).isEmpty();
    }

    @Test
    @Order(4)
    void aManualFailoverHandsALiveMastersSlotsToItsReplica() {
        HostAndPort master = CLUSTER.nodeFor("{b}key");
        try (Jedis jedis = CLUSTER.connect(master)) {
            jedis.set("{b}key", "before");
        }
        assertThat(CLUSTER.probe(master).command("WAIT", "1", "5000")).isEqualTo(1L);

        Failover failover = CLUSTER.failOver(master, FAILOVER_TIMEOUT);

        assertThat(failover.oldMaster()).isEqualTo(master);
        assertThat(CLUSTER.nodeFor("{b}key")).isEqualTo(failover.newMaster()).isNotEqualTo(master);
        assertThat(CLUSTER.deployment().isRunning(master)).isTrue();
        try (Jedis jedis = CLUSTER.connect(master)) {
            assertThatThrownBy(() -> jedis.get("{b}key")).hasMessageStartingWith("MOVED");
        }
        try (Jedis jedis = CLUSTER.connect(failover.newMaster())) {
            assertThat(jedis.get("{b}key")).isEqualTo("before");
        }
        CLUSTER.awaitHealthy();
        System.out.printf("manual cluster failover: promoted after %d ms, every node agreed after %d ms%n",
                failover.promotedAfter().toMillis(), failover.agreedAfter().toMillis());
    }

    @Test
    @Order(5)
    void refusesAFailoverItCannotWaitFor() {
        assertThatThrownBy(() -> CLUSTER.awaitFailover(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class)
                .hasMessage("no master was killed: call killMaster() first");
        HostAndPort aReplica = CLUSTER.nodes().stream().filter(node -> CLUSTER.slotMap().rangesOf(node).isEmpty())
                .findFirst().orElseThrow();
        assertThatThrownBy(() -> CLUSTER.killMaster(aReplica)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(aReplica + " serves no slot");
        assertThat(CLUSTER.deployment().isRunning(aReplica)).isTrue();
        assertThatThrownBy(() -> CLUSTER.failOver(aReplica, FAILOVER_TIMEOUT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(aReplica + " serves no slot");
        assertThatThrownBy(() -> RedisClusterDeployment.builder().replicasPerMaster(3))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("replicasPerMaster is 3, expected 0..2");
    }
}
