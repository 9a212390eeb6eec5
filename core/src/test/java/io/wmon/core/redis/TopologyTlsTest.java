package io.wmon.core.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wmon.test.topology.Failover;
import io.wmon.test.topology.RedisClusterDeployment;
import io.wmon.test.topology.RedisClusterExtension;
import io.wmon.test.topology.RedisSentinelDeployment;
import io.wmon.test.topology.RedisSentinelExtension;
import io.wmon.test.tls.TestCertificates;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;

/**
 * {@code rediss-cluster://} and {@code rediss-sentinel://} against real deployments that speak TLS only
 * ({@code --port 0}; cluster bus, replication and the sentinels' links over TLS too), with certificates
 * made for the test: with the CA as trust store the pool writes and reads on every node it must reach and
 * holds named connections there only while leased; without it the first call fails with the TLS line.
 */
@Timeout(120)
class TopologyTlsTest {

    private static final TestCertificates CERTS = TestCertificates.get();

    @RegisterExtension
    static final RedisClusterExtension CLUSTER = new RedisClusterExtension(RedisClusterDeployment.builder().tls(CERTS));

    @RegisterExtension
    static final RedisSentinelExtension SENTINEL = new RedisSentinelExtension(RedisSentinelDeployment.builder().tls(CERTS));

    private static final String NAME = ConnectionNames.cli("tls-topology", 1);
    private static final String UNTRUSTED = "TLS: the server's certificate is not trusted";
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    @AfterEach
    void noWmonConnectionOutlivesATest() {
        await().atMost(CLOSE_WAIT).untilAsserted(() -> assertThat(CLUSTER.clientCounts("wmon:")).allSatisfy(
                (node, count) -> assertThat(count).as("wmon connections on %s", node).isZero()));
        for (HostAndPort server : SENTINEL.sentinels()) {
            await().atMost(CLOSE_WAIT).until(() -> SENTINEL.probe(server).countClients("wmon:") == 0);
        }
        await().atMost(CLOSE_WAIT).until(() -> SENTINEL.masterProbe().countClients("wmon:") == 0);
    }

    private static TlsSettings trustingTheCa() {
        TlsStore ca = TlsStore.of(TlsStore.Kind.TRUST, "tlsTrustStore", CERTS.caPem(), null, null);
        return TlsSettings.of(ca, null);
    }

    private static SharedPool acquire(RedisEndpoint endpoint) {
        return SharedPoolRegistry.jvm().acquire(endpoint, NAME, PoolSettings.defaults());
    }

    private static String key(String namespace) {
        return "wmon:{" + namespace + "}:tls";
    }

    @Test
    void everyNodeOfTheClusterListensForTlsOnly() {
        assertThat(CLUSTER.url()).startsWith("rediss-cluster://");
        for (HostAndPort node : CLUSTER.nodes()) {
            assertThat(configValue(CLUSTER.connect(node), "port")).isEqualTo("0");
            assertThat(configValue(CLUSTER.connect(node), "tls-port")).isEqualTo(Integer.toString(node.getPort()));
            assertThat(configValue(CLUSTER.connect(node), "tls-cluster")).isEqualTo("yes");
        }
    }

    private static String configValue(Jedis connection, String parameter) {
        try (connection) {
            return connection.configGet(parameter).get(parameter);
        }
    }

    @Test
    void aClusterPoolTrustingTheCaWritesAndReadsOnTwoNodesAndClosesItsConnections() {
        List<String> namespaces = CLUSTER.namespacesOnDifferentNodes(2);
        HostAndPort first = CLUSTER.nodeForNamespace(namespaces.get(0));
        HostAndPort second = CLUSTER.nodeForNamespace(namespaces.get(1));
        assertThat(first).isNotEqualTo(second);
        assertThat(CLUSTER.clientCounts(NAME).values()).as("before the lease").containsOnly(0L);

        try (SharedPool pool = acquire(RedisEndpoint.parse(CLUSTER.url()).withTls(trustingTheCa()))) {
            for (String namespace : namespaces) {
                pool.run(client -> client.set(key(namespace), "value of " + namespace));
            }
            for (String namespace : namespaces) {
                String read = pool.call(client -> client.get(key(namespace)));
                assertThat(read).isEqualTo("value of " + namespace);
            }
            // each value sits on the node its hash tag names, read here past the pool
            assertThat(valueOn(first, key(namespaces.get(0)))).isEqualTo("value of " + namespaces.get(0));
            assertThat(valueOn(second, key(namespaces.get(1)))).isEqualTo("value of " + namespaces.get(1));

            Map<HostAndPort, Long> afterWrites = CLUSTER.clientCounts(NAME);
            assertThat(afterWrites.get(first)).as("connections on %s", first).isPositive();
            assertThat(afterWrites.get(second)).as("connections on %s", second).isPositive();

            CommandObjects commands = new CommandObjects(RedisProtocol.RESP3);
            List<NodeReply<String>> replies = pool.callEachNode(connection -> connection.executeCommand(commands.ping()));
            assertThat(replies).allSatisfy(reply -> {
                assertThat(reply.failure()).as("failure of %s", reply.node()).isNull();
                assertThat(reply.value()).as("reply of %s", reply.node()).isEqualTo("PONG");
            });
            assertThat(replies.stream().map(NodeReply::node).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrderElementsOf(CLUSTER.nodes().stream().map(HostAndPort::toString).toList());

            Map<HostAndPort, Long> counts = CLUSTER.clientCounts(NAME);
            for (HostAndPort node : CLUSTER.nodes()) {
                PoolStats held = pool.nodeStats(node.toString());
                assertThat(counts.get(node)).as("connections named %s on %s, as the server lists them", NAME, node)
                        .isPositive()
                        .isEqualTo((long) held.active() + held.idle());
            }
        }
        await().atMost(CLOSE_WAIT).untilAsserted(() -> assertThat(CLUSTER.clientCounts(NAME).values())
                .as("after the lease closed").containsOnly(0L));
    }

    private static String valueOn(HostAndPort node, String key) {
        try (Jedis connection = CLUSTER.connect(node)) {
            return connection.get(key);
        }
    }

    @Test
    void aClusterPoolWithoutTheTrustStoreFailsWithTheTlsLine() {
        RedisEndpoint endpoint = RedisEndpoint.parse(CLUSTER.url());
        assertThat(endpoint.tlsSettings()).isEqualTo(TlsSettings.jvmDefault());

        try (SharedPool pool = acquire(endpoint)) {
            assertThatThrownBy(() -> pool.run(client -> client.exists(key("untrusted"))))
                    .isInstanceOf(RedisUnavailableException.class)
                    .hasMessageContaining(UNTRUSTED);
        }
        assertThat(CLUSTER.clientCounts(NAME).values()).containsOnly(0L);
    }

    @Test
    void aSentinelPoolTrustingTheCaWritesThroughTheMasterTheSentinelsName() {
        assertThat(SENTINEL.url()).startsWith("rediss-sentinel://");
        HostAndPort master = SENTINEL.master();
        assertThat(SENTINEL.masterProbe().countClients(NAME)).as("before the lease").isZero();

        try (SharedPool pool = acquire(RedisEndpoint.parse(SENTINEL.url()).withTls(trustingTheCa()))) {
            pool.run(client -> client.set(key("sentinel"), "through " + master));

            assertThat(valueOnSentinelNode(master, key("sentinel"))).isEqualTo("through " + master);
            assertThat(pool.nodeStats()).containsOnlyKeys(master.toString());
            assertThat(SENTINEL.masterProbe().countClients(NAME)).as("connections on the master").isEqualTo(1);
            // one +switch-master subscription per sentinel, over TLS, opened on the listeners' own threads
            for (HostAndPort sentinel : SENTINEL.sentinels()) {
                await().atMost(CLOSE_WAIT).until(() -> SENTINEL.probe(sentinel).countClients(NAME) == 1);
            }
        }
        assertThat(SENTINEL.masterProbe().countClients(NAME)).as("closed with the lease").isZero();
        for (HostAndPort sentinel : SENTINEL.sentinels()) {
            await().atMost(CLOSE_WAIT).until(() -> SENTINEL.probe(sentinel).countClients(NAME) == 0);
        }
    }

    private static String valueOnSentinelNode(HostAndPort node, String key) {
        try (Jedis connection = SENTINEL.connect(node)) {
            return connection.get(key);
        }
    }

    @Test
    void aSentinelPoolWithoutTheTrustStoreFailsWithTheTlsLine() {
        try (SharedPool pool = acquire(RedisEndpoint.parse(SENTINEL.url()))) {
            assertThatThrownBy(() -> pool.run(client -> client.exists(key("untrusted"))))
                    .isInstanceOf(RedisUnavailableException.class)
                    .hasMessageContaining(UNTRUSTED);
        }
        assertThat(SENTINEL.masterProbe().countClients(NAME)).isZero();
    }

    @Test
    void aSentinelPoolFollowsAFailoverOverTls() {
        try (SharedPool pool = acquire(RedisEndpoint.parse(SENTINEL.url()).withTls(trustingTheCa()))) {
            pool.run(client -> client.set(key("failover"), "before"));
            HostAndPort killed = SENTINEL.killMaster();
            Failover failover = SENTINEL.awaitFailover(Duration.ofSeconds(30));
            HostAndPort promoted = failover.newMaster();
            assertThat(promoted).isNotEqualTo(killed);

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .untilAsserted(() -> {
                        pool.run(client -> client.set(key("failover"), "after"));
                        assertThat(pool.nodeStats()).containsOnlyKeys(promoted.toString());
                    });
            assertThat(valueOnSentinelNode(promoted, key("failover"))).isEqualTo("after");
            assertThat(SENTINEL.probe(promoted).countClients(NAME)).as("connections on the new master").isEqualTo(1);
        }
        assertThat(SENTINEL.masterProbe().countClients(NAME)).as("closed with the lease").isZero();
    }
}
