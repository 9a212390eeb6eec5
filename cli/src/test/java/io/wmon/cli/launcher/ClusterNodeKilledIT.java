package io.wmon.cli.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wmon.cli.Cli;
import io.wmon.cli.CliResult;
import io.wmon.core.fleet.FleetKeys;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.topology.RedisClusterExtension;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.HostAndPort;

/**
 * The cluster node that holds a namespace's slot is killed (SIGKILL; the cluster has no replica to
 * promote) and restarted on its port: the agent says so in one line, never blocks its application's
 * calls, and beats again on the restarted node; {@code status} meanwhile fails in one line naming the
 * cluster, not with a stack trace.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterNodeKilledIT {

    @RegisterExtension
    static final RedisClusterExtension CLUSTER = new RedisClusterExtension();

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    @Test
    void theAgentOutlivesItsNodeAndBeatsAgainWhenItIsBack() throws Exception {
        String namespace = CLUSTER.namespacesOnDifferentNodes(1).get(0);
        AgentArgs agent = AgentArgs.of(CLUSTER.url().replace(",", "\\,"), "killed-node").with("namespace", namespace);
        ChildProcess worker = FLEET.start("worker", FLEET.exampleWorker(Jdk.current()).agent(agent.toString()).args("--stdin"));
        HostAndPort node = CLUSTER.nodeForNamespace(namespace);
        String registry = FleetKeys.of(namespace).workers();
        await().atMost(ChildProcess.START_TIMEOUT).until(() -> RegistryScore.on(CLUSTER, node, registry, agent.id()) > 0);
        MBeanServerConnection jmx = worker.jmx();
        ObjectName bean = new ObjectName("io.wmon:type=Worker");

        CLUSTER.kill(node);
        long killed = System.currentTimeMillis();
        worker.awaitStderr("wmon heartbeat failed: cannot reach Redis at " + java.util.regex.Pattern.quote(
                "redis-cluster://"), Duration.ofSeconds(30));
        long calls = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            worker.send(i % 2 == 0 ? "busy during-outage" : "idle");
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> worker.stdout().split("\nok idle", -1).length > 25);
        long callMillis = (System.nanoTime() - calls) / 1_000_000;
        CliResult status = Cli.run("-r", CLUSTER.url(), "-n", namespace, "status");
        assertThat(status.exitCode()).isEqualTo(3);
        assertThat(status.errLines()).singleElement().asString().startsWith("wmon: cannot reach Redis at redis-cluster://");
        long failed = (Long) jmx.getAttribute(bean, "HeartbeatFailureCount");
        assertThat(failed).isPositive();

        CLUSTER.start(node);
        long restarted = System.currentTimeMillis();
        await().atMost(Duration.ofSeconds(60)).until(() -> RegistryScore.on(CLUSTER, node, registry, agent.id()) > restarted);
        long recovered = System.currentTimeMillis() - restarted;
        worker.awaitStderr("wmon heartbeat restored", Duration.ofSeconds(10));
        assertThat(worker.stderr().split("wmon heartbeat failed", -1)).as("one outage line").hasSize(2);
        assertThat(worker.stderr()).as("CLUSTERDOWN is an outage, not a refusal").doesNotContain("refused the worker's events");
        assertThat((Long) jmx.getAttribute(bean, "EventsDroppedCount")).isZero();
        assertThat(CLUSTER.probe(node).countClients(agent.connectionName())).isBetween(1L, 4L);
        System.out.printf("[figure] cluster node killed %d ms, agent beating again %d ms after the restart;"
                + " 50 WorkerStatus calls during the outage took %d ms%n", restarted - killed, recovered, callMillis);
    }
}
