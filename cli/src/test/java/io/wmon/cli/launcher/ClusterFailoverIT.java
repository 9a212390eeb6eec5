package io.wmon.cli.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wmon.cli.Cli;
import io.wmon.cli.CliResult;
import io.wmon.core.fleet.FleetKeys;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.jvm.ProcessCommand;
import io.wmon.test.topology.Failover;
import io.wmon.test.topology.RedisClusterDeployment;
import io.wmon.test.topology.RedisClusterExtension;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A real Redis Cluster of three masters with one replica each and a real worker JVM with the shaded agent
 * on {@code redis-cluster://}: the master that holds the namespace's slot is killed with SIGKILL, its
 * replica is promoted by the cluster itself, and the agent, a {@code status --continuous} process and a
 * {@code watch} process follow it by themselves; then a manual failover ({@code CLUSTER FAILOVER}), after
 * which the old master answers {@code MOVED}. The beats missed are measured, not assumed.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailoverIT {

    @RegisterExtension
    static final RedisClusterExtension CLUSTER = new RedisClusterExtension(RedisClusterDeployment.builder().replicasPerMaster(1));

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectName WORKER = AgentBeanNames.WORKER;
    /** The most beats a failover may cost at a 1 s interval: promotion (~2–3 s) plus the breaker's first delay. */
    private static final long MAX_MISSED_BEATS = 12;

    @Test
    @Order(1)
    void agentStatusAndWatchFollowThePromotedReplica() throws Exception {
        String namespace = CLUSTER.namespacesOnDifferentNodes(1).get(0);
        AgentArgs agent = AgentArgs.of(CLUSTER.url().replace(",", "\\,"), "cluster-a").with("namespace", namespace)
                .with("fleet", "true");
        ChildProcess worker = FLEET.start("worker", FLEET.exampleWorker(Jdk.current()).agent(agent.toString()).args("--stdin"));
        HostAndPort oldMaster = CLUSTER.nodeForNamespace(namespace);
        await().atMost(ChildProcess.START_TIMEOUT).until(() -> "idle".equals(record(oldMaster, namespace, agent).get("state")));

        CliResult status = Cli.run("-r", CLUSTER.url(), "-n", namespace, "status", "--json");
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(JSON.readTree(status.out()).at("/workers/0/id").asText()).isEqualTo(agent.id());

        FollowingCli cli = FollowingCli.start(FLEET, CLUSTER.url(), namespace);
        await().atMost(Duration.ofSeconds(20)).until(() -> CLUSTER.probe(oldMaster).countClients("wmon:cli:") == 2);

        MBeanServerConnection jmx = worker.jmx();
        String pool = agent.connectionName();
        long failedBefore = (Long) jmx.getAttribute(WORKER, "HeartbeatFailureCount");
        long beatsBefore = (Long) jmx.getAttribute(WORKER, "HeartbeatCount");
        CLUSTER.killMaster(oldMaster);
        Failover failover = CLUSTER.awaitFailover(Duration.ofSeconds(60));
        HostAndPort newMaster = failover.newMaster();
        assertThat(newMaster).isNotEqualTo(oldMaster).isEqualTo(CLUSTER.nodeForNamespace(namespace));
        long promoted = System.currentTimeMillis();

        // the agent beats on the promoted replica
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(beatAfter(newMaster, namespace, agent, promoted))
                .as(() -> "a beat on " + newMaster + "; " + worker.describe()).isTrue());
        long failed = (Long) jmx.getAttribute(WORKER, "HeartbeatFailureCount") - failedBefore;
        long beats = (Long) jmx.getAttribute(WORKER, "HeartbeatCount") - beatsBefore;
        assertThat(failed).as("beats missed over the failover").isLessThanOrEqualTo(MAX_MISSED_BEATS);

        // a state change after the failover reaches watch, and status --continuous reads the new master
        cli.awaitBusy(worker, "after-failover");
        await().atMost(Duration.ofSeconds(20)).until(() -> CLUSTER.probe(newMaster).countClients("wmon:cli:") == 2);
        // the agent's Fleet MBean reads the new master too, and its stream connection moved there
        ObjectName fleet = AgentBeanNames.of("io.wmon:type=Fleet,namespace=" + namespace);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat((Integer) jmx.getAttribute(fleet, "BusyCount")).isEqualTo(1);
            assertThat((String) jmx.getAttribute(fleet, "LastReadError")).isEmpty();
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> CLUSTER.probe(newMaster).countClients("wmon:stream:") == 1);

        // the promoted node's pool bean is there; the budget holds on every running node
        await().atMost(Duration.ofSeconds(10)).until(() -> jmx.isRegistered(AgentBeanNames.nodePool(pool, newMaster)));
        for (HostAndPort node : CLUSTER.nodes()) {
            if (CLUSTER.deployment().isRunning(node)) {
                assertThat(CLUSTER.probe(node).countClients(pool)).as("the agent's connections on " + node).isBetween(0L, 4L);
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !jmx.isRegistered(AgentBeanNames.nodePool(pool, oldMaster)));

        cli.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> CLUSTER.probe(newMaster).countClients("wmon:cli:") == 0);
        System.out.printf("[figure] cluster failover: promoted %d ms after the kill; %d beats failed, %d landed meanwhile%n",
                failover.promotedAfter().toMillis(), failed, beats);
    }

    /**
     * {@code CLUSTER FAILOVER}: the old master stays up as a replica and answers {@code MOVED}, which Jedis's
     * pipelines do not follow by themselves; the agent and {@code status --continuous} move to the new master.
     */
    @Test
    @Order(2)
    void agentAndStatusFollowAManualFailoverThroughMoved() throws Exception {
        for (HostAndPort node : CLUSTER.nodes()) {
            CLUSTER.start(node);
        }
        String namespace = CLUSTER.namespacesOnDifferentNodes("manual", 1).get(0);
        AgentArgs agent = AgentArgs.of(CLUSTER.url().replace(",", "\\,"), "cluster-b").with("namespace", namespace);
        ChildProcess worker = FLEET.start("worker", FLEET.exampleWorker(Jdk.current()).agent(agent.toString()).args("--stdin"));
        HostAndPort oldMaster = CLUSTER.nodeForNamespace(namespace);
        await().atMost(ChildProcess.START_TIMEOUT).until(() -> "idle".equals(record(oldMaster, namespace, agent).get("state")));
        ChildProcess continuous = FLEET.start("continuous", ProcessCommand.of(LauncherIT.LAUNCHER, "-r", CLUSTER.url(),
                "-n", namespace, "status", "--continuous", "--interval", "0.5", "--json").stdinFromNull());
        continuous.awaitStdout("\"alive\":1", Duration.ofSeconds(20));
        MBeanServerConnection jmx = worker.jmx();
        long failedBefore = (Long) jmx.getAttribute(WORKER, "HeartbeatFailureCount");

        Failover failover = CLUSTER.failOver(oldMaster, Duration.ofSeconds(60));
        HostAndPort newMaster = failover.newMaster();
        long promoted = System.currentTimeMillis();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(beatAfter(newMaster, namespace, agent, promoted))
                .as(() -> "a beat on " + newMaster + "; " + worker.describe()).isTrue());
        long failed = (Long) jmx.getAttribute(WORKER, "HeartbeatFailureCount") - failedBefore;
        assertThat(failed).as("beats failed over a manual failover: MOVED is followed at once").isZero();
        worker.send("busy after-manual-failover");
        int continuousSeen = continuous.stdout().length();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(continuous.stdout().substring(continuousSeen))
                .as(continuous::describe).contains("\"state\":\"busy\""));
        assertThat(continuous.stderr()).as("no outage line for a MOVED").doesNotContain("cannot reach");
        assertThat(CLUSTER.probe(newMaster).countClients(agent.connectionName())).isBetween(1L, 4L);
        continuous.terminate();
        assertThat(continuous.awaitExit(Duration.ofSeconds(10))).isEqualTo(143);
        System.out.printf("[figure] manual cluster failover: promoted %d ms after CLUSTER FAILOVER; %d beats failed%n",
                failover.promotedAfter().toMillis(), failed);
    }

    private static Map<String, String> record(HostAndPort master, String namespace, AgentArgs agent) {
        try (Jedis jedis = CLUSTER.connect(master)) {
            return jedis.hgetAll(FleetKeys.of(namespace).worker(agent.id()));
        }
    }

    private static boolean beatAfter(HostAndPort master, String namespace, AgentArgs agent, long millis) {
        try (Jedis jedis = CLUSTER.connect(master)) {
            Double score = jedis.zscore(FleetKeys.of(namespace).workers(), agent.id());
            return score != null && score > millis;
        } catch (RuntimeException notYet) {
            return false;
        }
    }
}
