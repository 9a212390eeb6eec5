package io.wmon.test.topology;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wmon.test.tls.TestCertificates;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * The deployments built with {@code tls(…)}: every server listens for TLS only, the cluster bus,
 * replication and the sentinels' links run over TLS (there is no plain port they could use), and a node
 * killed and started again, or a master failed over, comes back the same way.
 */
@Timeout(value = 180, unit = SECONDS)
class TlsTopologyIT {

    private static final TestCertificates CERTS = TestCertificates.get();

    @RegisterExtension
    static final RedisClusterExtension CLUSTER = new RedisClusterExtension(RedisClusterDeployment.builder().tls(CERTS));

    @RegisterExtension
    static final RedisSentinelExtension SENTINEL = new RedisSentinelExtension(RedisSentinelDeployment.builder().tls(CERTS));

    private static String configValue(Jedis connection, String parameter) {
        try (connection) {
            return connection.configGet(parameter).get(parameter);
        }
    }

    private static void assertTlsOnly(HostAndPort server, Jedis connection) {
        try (connection) {
            assertThat(connection.configGet("port")).as("plain port of %s", server).containsEntry("port", "0");
            assertThat(connection.configGet("tls-port")).containsEntry("tls-port", Integer.toString(server.getPort()));
            assertThat(connection.configGet("tls-replication")).containsEntry("tls-replication", "yes");
        }
        assertNoPlainAnswer(server);
    }

    /** A sentinel knows no {@code CONFIG}: that a plain client gets no answer is what shows it speaks TLS only. */
    private static void assertNoPlainAnswer(HostAndPort server) {
        assertThatThrownBy(() -> HarnessConnections.PLAIN.open(server, HarnessConnections.CHECK_TIMEOUT_MILLIS).ping())
                .as("a plain client on %s", server).isInstanceOf(JedisConnectionException.class);
    }

    @Test
    void aTlsClusterHasNoPlainPortItsBusIsTlsAndANodeComesBackOverTls() {
        assertThat(CLUSTER.url()).isEqualTo("rediss-cluster://" + String.join(",",
                CLUSTER.nodes().stream().map(HostAndPort::toString).toList()));
        for (HostAndPort node : CLUSTER.nodes()) {
            assertTlsOnly(node, CLUSTER.connect(node));
            assertThat(configValue(CLUSTER.connect(node), "tls-cluster")).isEqualTo("yes");
        }
        System.out.printf("TLS cluster (3 masters) ready in %d ms%n", CLUSTER.deployment().startupTime().toMillis());

        HostAndPort node = CLUSTER.node(1);
        CLUSTER.kill(node);
        long began = System.nanoTime();
        CLUSTER.start(node);
        System.out.printf("TLS cluster node restarted and the cluster whole again in %d ms%n",
                Duration.ofNanos(System.nanoTime() - began).toMillis());
        assertTlsOnly(node, CLUSTER.connect(node));
    }

    @Test
    void aTlsSentinelDeploymentHasNoPlainPortAndFailsOverOverTls() {
        RedisSentinelDeployment deployment = SENTINEL.deployment();
        assertThat(SENTINEL.url()).startsWith("rediss-sentinel://").endsWith("/" + SENTINEL.masterName());
        for (HostAndPort server : List.copyOf(deployment.dataNodes())) {
            assertTlsOnly(server, SENTINEL.connect(server));
        }
        for (HostAndPort sentinel : SENTINEL.sentinels()) {
            assertNoPlainAnswer(sentinel);
            try (Jedis jedis = SENTINEL.connect(sentinel)) {
                assertThat(jedis.sentinelSentinels(SENTINEL.masterName())).as("peers of %s", sentinel).hasSize(2);
            }
        }
        // Each sentinel holds a command and a Pub/Sub connection to the master: over TLS, there is no other port.
        assertThat(SENTINEL.masterProbe().countClients("sentinel-")).isEqualTo(2L * SENTINEL.sentinels().size());
        System.out.printf("TLS sentinel deployment (1 master, 1 replica, 3 sentinels) ready in %d ms%n",
                deployment.startupTime().toMillis());

        HostAndPort killed = SENTINEL.killMaster();
        Failover failover = SENTINEL.awaitFailover(Duration.ofSeconds(30));
        assertThat(failover.oldMaster()).isEqualTo(killed);
        assertThat(failover.newMaster()).isNotEqualTo(killed).isIn(deployment.dataNodes());
        assertThat(InfoFields.parse(SENTINEL.probe(failover.newMaster()).info("replication")))
                .containsEntry("role", "master");
        System.out.printf("TLS failover: promoted after %d ms, every sentinel agreed after %d ms%n",
                failover.promotedAfter().toMillis(), failover.agreedAfter().toMillis());
    }
}
