package io.wmon.test.topology;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wmon.test.ClientInfo;
import io.wmon.test.RedisProbe;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.util.JedisClusterCRC16;

/** A cluster of three masters shared by the class: where keys live, what clients see, nodes broken and back. */
@Timeout(value = 120, unit = SECONDS)
class RedisClusterDeploymentIT {

    @RegisterExtension
    static final RedisClusterExtension CLUSTER = new RedisClusterExtension();

    @Test
    void startsThreeMastersSharingTheSlotsEvenly() {
        SlotMap map = CLUSTER.slotMap();

        assertThat(map.coversAllSlots()).isTrue();
        assertThat(map.slotCounts().keySet()).containsExactlyElementsOf(CLUSTER.nodes());
        int least = map.slotCounts().values().stream().mapToInt(Integer::intValue).min().orElseThrow();
        int most = map.slotCounts().values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertThat(most - least).isLessThanOrEqualTo(1);
        assertThat(CLUSTER.url()).isEqualTo("redis-cluster://" + CLUSTER.node(0) + "," + CLUSTER.node(1) + "," + CLUSTER.node(2));
        System.out.printf("cluster of 3 masters ready in %d ms%n", CLUSTER.deployment().startupTime().toMillis());
    }

    @Test
    void keysWithDifferentHashTagsLandOnTheNodesTheSlotMapNames() {
        List<String> namespaces = CLUSTER.namespacesOnDifferentNodes(3);
        Set<HostAndPort> owners = new HashSet<>();
        for (String namespace : namespaces) {
            String key = RedisClusterDeployment.registryKey(namespace);
            HostAndPort owner = CLUSTER.nodeFor(key);
            owners.add(owner);
            assertThat(CLUSTER.deployment().slot(key)).as("server's and client's CRC16 of %s", key)
                    .isEqualTo(JedisClusterCRC16.getSlot(key));
            assertThat(CLUSTER.slotMap().nodeFor(JedisClusterCRC16.getSlot(key))).isEqualTo(owner);
            for (HostAndPort node : CLUSTER.nodes()) {
                try (Jedis jedis = CLUSTER.connect(node)) {
                    if (node.equals(owner)) {
                        assertThat(jedis.zadd(key, 1, "w")).isEqualTo(1);
                    } else {
                        assertThatThrownBy(() -> jedis.zadd(key, 1, "w")).isInstanceOf(JedisDataException.class)
                                .hasMessageContaining("MOVED " + JedisClusterCRC16.getSlot(key) + " " + owner);
                    }
                }
            }
            assertThat(CLUSTER.nodeForNamespace(namespace)).isEqualTo(owner);
        }
        assertThat(owners).hasSize(3);
    }

    @Test
    void redisClusterClientWritesToEveryNodeAndEachNodeListsItsConnections() {
        List<String> namespaces = CLUSTER.namespacesOnDifferentNodes("cc", 3);
        DefaultJedisClientConfig config = DefaultJedisClientConfig.builder().clientName("wmon:it:cluster").build();
        try (RedisClusterClient client = RedisClusterClient.builder().nodes(Set.copyOf(CLUSTER.nodes()))
                .clientConfig(config).build()) {
            for (String namespace : namespaces) {
                client.set("wmon:{" + namespace + "}:probe", namespace);
            }
            for (String namespace : namespaces) {
                String key = "wmon:{" + namespace + "}:probe";
                HostAndPort owner = CLUSTER.nodeFor(key);
                try (Jedis jedis = CLUSTER.connect(owner)) {
                    assertThat(jedis.get(key)).as("%s on %s", key, owner).isEqualTo(namespace);
                }
                List<ClientInfo> named = CLUSTER.probe(owner).clients().stream()
                        .filter(info -> info.name().equals("wmon:it:cluster")).toList();
                assertThat(named).as("client connections on %s", owner).isNotEmpty();
            }
            Map<HostAndPort, Long> counts = CLUSTER.clientCounts("wmon:it:");
            assertThat(counts.keySet()).containsExactlyElementsOf(CLUSTER.nodes());
            assertThat(counts.values()).allMatch(count -> count > 0);
            // The connections of connect() are closed; the server notices an instant later.
            await("harness connections other than the probes' closed").atMost(Duration.ofSeconds(10))
                    .until(() -> CLUSTER.clientCounts(RedisProbe.HARNESS_NAME_PREFIX).values().stream().allMatch(count -> count == 0));
        }
    }

    @Test
    void aKilledNodeComesBackWithItsSlots() {
        HostAndPort victim = CLUSTER.node(1);
        SlotMap before = CLUSTER.slotMap();

        CLUSTER.kill(victim);
        assertThat(CLUSTER.deployment().isRunning(victim)).isFalse();
        assertThatThrownBy(() -> CLUSTER.connect(victim).close()).isInstanceOf(RuntimeException.class);

        CLUSTER.start(victim);
        assertThat(CLUSTER.slotMap()).isEqualTo(before);
        assertThat(CLUSTER.probe(victim).info("cluster")).contains("cluster_enabled:1");
    }

    @Test
    void aSlotMovesWithItsKeysToAnotherMasterAndBack() {
        HostAndPort from = CLUSTER.nodeFor("{moving}a");
        HostAndPort to = CLUSTER.nodes().stream().filter(node -> !node.equals(from)).findFirst().orElseThrow();
        int slot = CLUSTER.slot("{moving}a");
        SlotMap before = CLUSTER.slotMap();
        try (Jedis jedis = CLUSTER.connect(from)) {
            jedis.set("{moving}a", "1");
            jedis.set("{moving}b", "2");
        }

        CLUSTER.moveSlot(slot, to);

        assertThat(CLUSTER.nodeFor("{moving}a")).isEqualTo(to);
        try (Jedis jedis = CLUSTER.connect(from)) {
            assertThatThrownBy(() -> jedis.get("{moving}a")).hasMessage("MOVED " + slot + " " + to);
        }
        try (Jedis jedis = CLUSTER.connect(to)) {
            assertThat(jedis.mget("{moving}a", "{moving}b")).containsExactly("1", "2");
        }
        assertThatThrownBy(() -> CLUSTER.moveSlot(slot, to)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(to + " is not another master than " + to);

        CLUSTER.moveSlot(slot, from);
        assertThat(CLUSTER.slotMap()).isEqualTo(before);
        CLUSTER.awaitHealthy();
    }

    @Test
    void aPausedNodeAnswersNothingUntilResumed() {
        HostAndPort node = CLUSTER.node(2);
        CLUSTER.pause(node);
        try {
            assertThatThrownBy(() -> {
                try (Jedis jedis = HarnessConnections.PLAIN.open(node, 300)) {
                    jedis.ping();
                }
            }).isInstanceOf(RuntimeException.class);
        } finally {
            CLUSTER.resume(node);
        }
        try (Jedis jedis = CLUSTER.connect(node)) {
            assertThat(jedis.ping()).isEqualTo("PONG");
        }
        CLUSTER.awaitHealthy();
    }

    @Test
    void refusesANodeOfAnotherDeploymentAndTooManyNamespaces() {
        HostAndPort stranger = new HostAndPort("127.0.0.1", 1);
        assertThatThrownBy(() -> CLUSTER.kill(stranger)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("127.0.0.1:1 is not a node of this cluster");
        assertThatThrownBy(() -> CLUSTER.namespacesOnDifferentNodes(4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("count is 4, expected 1..3 (the number of masters)");
        assertThatThrownBy(() -> CLUSTER.killMaster(CLUSTER.node(0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the cluster has no replica to promote");
        assertThat(CLUSTER.deployment().isRunning(CLUSTER.node(0))).isTrue();
    }

    @Test
    void everyNodeKnowsTheOthersAsMasters() {
        try (Jedis jedis = CLUSTER.connect(CLUSTER.node(0))) {
            Map<HostAndPort, ClusterNodeEntry> entries = new java.util.HashMap<>();
            ClusterNodeEntry.parseAll(jedis.clusterNodes()).forEach(entry -> entries.put(entry.address(), entry));
            assertThat(entries.keySet()).containsExactlyInAnyOrderElementsOf(CLUSTER.nodes());
            assertThat(entries.values()).allMatch(ClusterNodeEntry::isMaster);
        }
    }
}
