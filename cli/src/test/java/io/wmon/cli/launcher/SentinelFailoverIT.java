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
import io.wmon.test.topology.Failover;
import io.wmon.test.topology.RedisSentinelExtension;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A real Sentinel deployment (one master, one replica, three sentinels) and a real worker JVM with the
 * shaded agent on {@code redis-sentinel://}: the master is killed with SIGKILL, the sentinels promote the
 * replica, and the agent, a {@code status --continuous} process and a {@code watch} process follow the
 * promoted master by themselves. The beats missed are measured, not assumed.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SentinelFailoverIT {

    @RegisterExtension
    static final RedisSentinelExtension SENTINEL = new RedisSentinelExtension();

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectName WORKER = AgentBeanNames.WORKER;
    /** The most beats a failover may cost at a 1 s interval: promotion (~3 s) plus the breaker's first delay. */
    private static final long MAX_MISSED_BEATS = 12;

    @Test
    void agentStatusAndWatchFollowThePromotedReplica() throws Exception {
        AgentArgs agent = AgentArgs.of(SENTINEL.url().replace(",", "\\,"), "sentinel-a").with("fleet", "true");
        ChildProcess worker = FLEET.start("worker", FLEET.exampleWorker(Jdk.current()).agent(agent.toString()).args("--stdin"));
        HostAndPort oldMaster = SENTINEL.master();
        await().atMost(ChildProcess.START_TIMEOUT).until(() -> "idle".equals(record(oldMaster, agent).get("state")));

        CliResult status = Cli.run("-r", SENTINEL.url(), "-n", agent.namespace(), "status", "--json");
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(JSON.readTree(status.out()).at("/workers/0/id").asText()).isEqualTo(agent.id());
        CliResult connections = Cli.run("-r", SENTINEL.url(), "-n", agent.namespace(), "connections");
        assertThat(connections.out()).contains("(master " + oldMaster.getHost() + ":" + oldMaster.getPort() + ")");

        FollowingCli cli = FollowingCli.start(FLEET, SENTINEL.url(), agent.namespace());
        await().atMost(Duration.ofSeconds(20)).until(() -> SENTINEL.masterProbe().countClients("wmon:cli:") == 2);

        MBeanServerConnection jmx = worker.jmx();
        long failedBefore = (Long) jmx.getAttribute(WORKER, "HeartbeatFailureCount");
        long beatsBefore = (Long) jmx.getAttribute(WORKER, "HeartbeatCount");
        SENTINEL.killMaster();
        Failover failover = SENTINEL.deployment().awaitFailover(Duration.ofSeconds(60));
        HostAndPort newMaster = failover.newMaster();
        assertThat(newMaster).isNotEqualTo(oldMaster);
        long promoted = System.currentTimeMillis();

        // the agent beats on the promoted replica
        await().atMost(Duration.ofSeconds(30)).until(() -> SentinelChecks.beatAfter(SENTINEL, newMaster, agent, promoted));
        long failed = (Long) jmx.getAttribute(WORKER, "HeartbeatFailureCount") - failedBefore;
        long beats = (Long) jmx.getAttribute(WORKER, "HeartbeatCount") - beatsBefore;
        assertThat(failed).as("beats missed over the failover").isLessThanOrEqualTo(MAX_MISSED_BEATS);

        // a state change after the failover reaches watch, and status --continuous reads the new master
        cli.awaitBusy(worker, "after-failover");
        await().atMost(Duration.ofSeconds(20)).until(() -> SENTINEL.probe(newMaster).countClients("wmon:cli:") == 2);

        // the agent's pool bean for the old master went, the new master's came
        String pool = agent.connectionName();
        await().atMost(Duration.ofSeconds(10)).until(() -> jmx.isRegistered(AgentBeanNames.nodePool(pool, newMaster)));
        assertThat(jmx.isRegistered(AgentBeanNames.nodePool(pool, oldMaster))).isFalse();
        assertThat(SENTINEL.probe(newMaster).countClients(pool)).isBetween(1L, 4L);

        cli.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> SENTINEL.probe(newMaster).countClients("wmon:cli:") == 0);
        System.out.printf("[figure] sentinel failover: promoted %d ms after the kill; %d beats failed, %d landed meanwhile%n",
                failover.promotedAfter().toMillis(), failed, beats);
    }

    private static Map<String, String> record(HostAndPort master, AgentArgs agent) {
        try (Jedis jedis = SENTINEL.connect(master)) {
            return jedis.hgetAll(FleetKeys.of(agent.namespace()).worker(agent.id()));
        }
    }
}
