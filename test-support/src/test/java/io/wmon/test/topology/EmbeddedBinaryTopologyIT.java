package io.wmon.test.topology;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.test.RedisBinaries;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * Both deployments on the redis-server 6.2 shipped in the embedded-redis jar, which a machine without
 * redis-server on its PATH runs: no {@code CLUSTER ADDSLOTSRANGE}, no {@code --cluster-port} (the bus is on
 * port + 10000), no {@code --enable-debug-command}.
 */
@Timeout(value = 120, unit = SECONDS)
class EmbeddedBinaryTopologyIT {

    @Test
    void aClusterFormsWithAddSlotsAndTheBusOnPortPlus10000() {
        assertThat(RedisBinaries.majorVersion(RedisBinaries.embedded())).isEqualTo(6);
        try (RedisClusterDeployment cluster = RedisClusterDeployment.builder().binary(RedisBinaries.embedded()).start()) {
            assertThat(cluster.slotMap().coversAllSlots()).isTrue();
            String clusterNodes;
            try (Jedis jedis = cluster.connect(cluster.node(0))) {
                clusterNodes = jedis.clusterNodes();
                assertThat(jedis.info("server")).contains("redis_version:6.");
            }
            for (HostAndPort node : cluster.nodes()) {
                assertThat(clusterNodes).contains(node + "@" + (node.getPort() + ClusterNodeCommand.BUS_PORT_OFFSET));
            }
            String namespace = cluster.namespacesOnDifferentNodes(1).get(0);
            try (Jedis jedis = cluster.connect(cluster.nodeForNamespace(namespace))) {
                assertThat(jedis.zadd(RedisClusterDeployment.registryKey(namespace), 1, "w")).isEqualTo(1);
            }
            System.out.printf("cluster of 3 masters (redis 6.2) ready in %d ms%n", cluster.startupTime().toMillis());
        }
    }

    @Test
    void aSentinelDeploymentFailsOver() {
        try (RedisSentinelDeployment deployment = RedisSentinelDeployment.builder().binary(RedisBinaries.embedded()).start()) {
            HostAndPort replica = deployment.dataNodes().get(1);
            deployment.killMaster();
            Failover failover = deployment.awaitFailover(Duration.ofSeconds(30));
            assertThat(failover.newMaster()).isEqualTo(replica);
            assertThat(deployment.master()).isEqualTo(replica);
            System.out.printf("sentinel deployment (redis 6.2) ready in %d ms; failover: promoted after %d ms%n",
                    deployment.startupTime().toMillis(), failover.promotedAfter().toMillis());
        }
    }
}
