package io.wmon.cli.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wmon.cli.Cli;
import io.wmon.cli.CliResult;
import io.wmon.core.fleet.FleetKeys;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.jvm.ProcessCommand;
import io.wmon.test.topology.RedisClusterExtension;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A real three-master Redis Cluster on loopback and real worker JVMs with the shaded agent, in two
 * namespaces whose hash tags land on different nodes: the agent registers on its namespace's node,
 * {@code status}, {@code watch}, {@code connections} and {@code prune} work through
 * {@code redis-cluster://}, the pool has a bean per node, and no node ever holds more than the budget
 * of a worker's connections.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ClusterIT {

    @RegisterExtension
    static final RedisClusterExtension CLUSTER = new RedisClusterExtension();

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The agent's pool bound per node, and its stream connection. */
    private static final int POOL_MAX = 4;

    /** The cluster URL as an agent option: commas inside a value are written {@code \,}. */
    private static String agentUrl() {
        return CLUSTER.url().replace(",", "\\,");
    }

    @Test
    void twoNamespacesOnTwoNodesAreRegisteredReadWatchedCountedAndPruned() throws Exception {
        List<String> namespaces = CLUSTER.namespacesOnDifferentNodes(2);
        String first = namespaces.get(0);
        String second = namespaces.get(1);
        AgentArgs a = AgentArgs.of(agentUrl(), "cluster-a").with("namespace", first).with("fleet", "true");
        AgentArgs b = AgentArgs.of(agentUrl(), "cluster-b").with("namespace", second);
        ChildProcess workerA = FLEET.start("worker-a", FLEET.exampleWorker(Jdk.current()).agent(a.toString()).args("--stdin"));
        FLEET.start("worker-b", FLEET.exampleWorker(Jdk.current()).agent(b.toString()).args("--stdin"));

        HostAndPort nodeA = CLUSTER.nodeForNamespace(first);
        HostAndPort nodeB = CLUSTER.nodeForNamespace(second);
        assertThat(nodeA).isNotEqualTo(nodeB);
        await().atMost(ChildProcess.START_TIMEOUT).until(() -> hasRecord(nodeA, first, a.id()) && hasRecord(nodeB, second, b.id()));

        // status reads each namespace from its node, through any seed
        JsonNode statusA = statusJson(first);
        assertThat(statusA.at("/summary/alive").asInt()).isEqualTo(1);
        assertThat(statusA.at("/workers/0/id").asText()).isEqualTo(a.id());
        assertThat(statusJson(second).at("/workers/0/id").asText()).isEqualTo(b.id());
        CliResult empty = Cli.run("-r", CLUSTER.url(), "-n", "nobody-here", "status");
        assertThat(empty.err()).as("a SCAN of every node finds both namespaces").contains(first).contains(second);

        // the budget holds on every node, sampled over several beats
        for (int i = 0; i < 10; i++) {
            for (HostAndPort node : CLUSTER.nodes()) {
                assertThat(CLUSTER.probe(node).countClients(a.connectionName())).as("pool of " + a.id() + " on " + node)
                        .isLessThanOrEqualTo(POOL_MAX);
                assertThat(CLUSTER.probe(node).countClients("wmon:stream:")).as("stream connections on " + node)
                        .isLessThanOrEqualTo(node.equals(nodeA) ? 1 : 0);
            }
            Thread.sleep(300);
        }
        assertThat(CLUSTER.probe(nodeA).countClients(a.connectionName())).as("the namespace's node serves its beats")
                .isGreaterThanOrEqualTo(1);

        // one RedisPool bean for the total and one per node
        MBeanServerConnection jmx = workerA.jmx();
        await().atMost(Duration.ofSeconds(10)).until(() -> jmx.queryNames(new ObjectName("io.wmon:type=RedisPool,*"), null).size() == 4);
        Set<String> nodeBeans = new HashSet<>();
        for (ObjectName name : jmx.queryNames(new ObjectName("io.wmon:type=RedisPool,*"), null)) {
            if (name.getKeyProperty("node") != null) {
                nodeBeans.add(ObjectName.unquote(name.getKeyProperty("node")));
            }
        }
        List<String> expected = new ArrayList<>();
        CLUSTER.nodes().forEach(n -> expected.add(n.getHost() + ":" + n.getPort()));
        assertThat(nodeBeans).containsExactlyInAnyOrderElementsOf(expected);
        ObjectName total = AgentBeanNames.pool(a.connectionName());
        assertThat((Integer) jmx.getAttribute(total, "MaxTotal")).isEqualTo(POOL_MAX * 3);
        ObjectName ofNodeA = AgentBeanNames.nodePool(a.connectionName(), nodeA);
        assertThat((Long) jmx.getAttribute(ofNodeA, "BorrowedCount")).isPositive();
        assertThat((String) jmx.getAttribute(ofNodeA, "Endpoint")).isEqualTo("redis://" + nodeA.getHost() + ":" + nodeA.getPort());

        // watch follows the namespace's stream on its node
        ChildProcess watch = FLEET.start("watch", ProcessCommand.of(LauncherIT.LAUNCHER, "-r", CLUSTER.url(), "-n", first,
                "watch", "--json", "--since", "start").stdinFromNull());
        workerA.send("busy cluster-job");
        watch.awaitStdout("\"worker\":\"" + a.id() + "\".*\"to\":\"busy\"", Duration.ofSeconds(20));
        watch.terminate();
        assertThat(watch.awaitExit(Duration.ofSeconds(10))).isZero();

        // connections lists every node, each against its own maxclients
        CliResult connections = Cli.run("-r", CLUSTER.url(), "-n", first, "connections", "--json");
        assertThat(connections.exitCode()).as(connections.err()).isZero();
        JsonNode report = JSON.readTree(connections.out());
        assertThat(report.get("nodes")).hasSize(3);
        int agentOnA = -1;
        for (JsonNode node : report.get("nodes")) {
            assertThat(node.get("error").isNull()).as(node.toString()).isTrue();
            assertThat(node.get("maxclients").asLong()).isPositive();
            if (node.get("node").asText().equals(nodeA.getHost() + ":" + nodeA.getPort())) {
                for (JsonNode group : node.get("groups")) {
                    if (group.get("name").asText().equals(a.id())) {
                        agentOnA = group.get("agent").asInt();
                        assertThat(group.get("stream").asInt()).isEqualTo(1);
                    }
                }
            }
        }
        assertThat(agentOnA).isBetween(1, POOL_MAX);
        assertThat(report.get("total").asInt()).isEqualTo(sum(report));

        // prune removes a gone worker from the namespace's node
        try (Jedis onA = CLUSTER.connect(nodeA)) {
            onA.zadd(FleetKeys.of(first).workers(), 1_000, "ghost");
        }
        CliResult prune = Cli.run("-r", CLUSTER.url(), "-n", first, "prune");
        assertThat(prune.exitCode()).as(prune.err()).isZero();
        try (Jedis onA = CLUSTER.connect(nodeA)) {
            assertThat(onA.zscore(FleetKeys.of(first).workers(), "ghost")).isNull();
            assertThat(onA.zscore(FleetKeys.of(first).workers(), a.id())).isNotNull();
        }

        // the in-process commands closed their connections on every node
        for (HostAndPort node : CLUSTER.nodes()) {
            assertThat(CLUSTER.probe(node).countClients("wmon:cli:")).as("CLI connections left on " + node).isZero();
        }
        System.out.printf("[figure] cluster: %s on %s, %s on %s; %d connections in all on 3 nodes%n", first, nodeA, second,
                nodeB, report.get("total").asInt());
    }

    private static int sum(JsonNode report) {
        int sum = 0;
        for (JsonNode node : report.get("nodes")) {
            sum += node.get("total").asInt();
        }
        return sum;
    }

    private static boolean hasRecord(HostAndPort node, String namespace, String id) {
        try (Jedis jedis = CLUSTER.connect(node)) {
            Map<String, String> record = jedis.hgetAll(FleetKeys.of(namespace).worker(id));
            return "idle".equals(record.get("state"));
        }
    }

    private static JsonNode statusJson(String namespace) throws Exception {
        CliResult run = Cli.run("-r", CLUSTER.url(), "-n", namespace, "status", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }
}
