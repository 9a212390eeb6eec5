package io.wmon.cli.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wmon.cli.Cli;
import io.wmon.cli.CliResult;
import io.wmon.core.fleet.FleetKeys;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.topology.RedisClusterDeployment;
import io.wmon.test.topology.RedisClusterExtension;
import io.wmon.test.topology.SlotMove;
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
 * A resharding under a running fleet: the namespace's slot, with its keys, moves to another master of a
 * real three-master cluster while a worker JVM with the shaded agent beats, a {@code status --continuous}
 * process reads and a {@code watch} process follows the events. The old owner answers {@code MOVED}
 * afterwards; all three go to the new owner by themselves. The beats missed are measured.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterReshardIT {

    @RegisterExtension
    static final RedisClusterExtension CLUSTER = new RedisClusterExtension();

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    /** Beats a move of one slot may cost: the keys are in flight for milliseconds ({@code ASK} meanwhile). */
    private static final long MAX_MISSED_BEATS = 2;
    /** How long the slot stays half migrated: several beats at the agent's 1 s interval. */
    private static final long HELD_MILLIS = 5_000;

    @Test
    void agentStatusAndWatchFollowTheirSlotToItsNewMaster() throws Exception {
        String namespace = CLUSTER.namespacesOnDifferentNodes("reshard", 1).get(0);
        AgentArgs agent = AgentArgs.of(CLUSTER.url().replace(",", "\\,"), "reshard-a").with("namespace", namespace);
        ChildProcess worker = FLEET.start("worker", FLEET.exampleWorker(Jdk.current()).agent(agent.toString()).args("--stdin"));
        String registry = FleetKeys.of(namespace).workers();
        HostAndPort from = CLUSTER.nodeForNamespace(namespace);
        HostAndPort to = CLUSTER.nodes().stream().filter(node -> !node.equals(from)).findFirst().orElseThrow();
        await().atMost(ChildProcess.START_TIMEOUT).until(() -> RegistryScore.on(CLUSTER, from, registry, agent.id()) > 0);
        FollowingCli cli = FollowingCli.start(FLEET, CLUSTER.url(), namespace);
        await().atMost(Duration.ofSeconds(20)).until(() -> CLUSTER.probe(from).countClients("wmon:cli:") == 2);
        MBeanServerConnection jmx = worker.jmx();
        long failedBefore = (Long) jmx.getAttribute(AgentBeanNames.WORKER, "HeartbeatFailureCount");

        long began = System.nanoTime();
        CLUSTER.moveSlot(CLUSTER.slot(RedisClusterDeployment.registryKey(namespace)), to);
        long moveMillis = (System.nanoTime() - began) / 1_000_000;
        long moved = System.currentTimeMillis();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(RegistryScore.on(CLUSTER, to, registry, agent.id()))
                .as(() -> "a beat on " + to + "; " + worker.describe()).isGreaterThan(moved));
        long failed = (Long) jmx.getAttribute(AgentBeanNames.WORKER, "HeartbeatFailureCount") - failedBefore;
        assertThat(failed).as("beats failed over the move").isLessThanOrEqualTo(MAX_MISSED_BEATS);
        cli.awaitBusy(worker, "after-reshard");
        await().atMost(Duration.ofSeconds(20)).until(() -> CLUSTER.probe(to).countClients("wmon:cli:") == 2);
        assertThat(CLUSTER.probe(to).countClients(agent.connectionName())).isBetween(1L, 4L);
        assertThat(CLUSTER.probe(from).countClients(agent.connectionName())).as("idle ones wait for eviction").isBetween(0L, 4L);

        cli.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> CLUSTER.clientCounts("wmon:cli:").values().stream()
                .allMatch(count -> count == 0));
        System.out.printf("[figure] cluster reshard: the namespace's slot moved %s -> %s in %d ms (every node agreeing);"
                + " %d beats failed%n", from, to, moveMillis, failed);
    }

    /**
     * The slot held half migrated for several beats (the worker's hash, the registry and the event stream
     * moved, the target importing, the source migrating), as a resharding of a large slot is for seconds:
     * the source answers {@code ASK} for those keys, and the agent (its beats, its events, its Fleet MBean and
     * the stream connection behind it), {@code status --continuous} and {@code watch} follow them to the
     * target, beat after beat, without a failure.
     */
    @Test
    void agentStatusAndWatchGoOnWhileTheirSlotIsHalfMigrated() throws Exception {
        String namespace = CLUSTER.namespacesOnDifferentNodes("migrating", 1).get(0);
        AgentArgs agent = AgentArgs.of(CLUSTER.url().replace(",", "\\,"), "migrating-a").with("namespace", namespace)
                .with("fleet", "true");
        ChildProcess worker = FLEET.start("worker", FLEET.exampleWorker(Jdk.current()).agent(agent.toString()).args("--stdin"));
        FleetKeys keys = FleetKeys.of(namespace);
        HostAndPort from = CLUSTER.nodeForNamespace(namespace);
        HostAndPort to = CLUSTER.nodes().stream().filter(node -> !node.equals(from)).findFirst().orElseThrow();
        await().atMost(ChildProcess.START_TIMEOUT).until(() -> RegistryScore.on(CLUSTER, from, keys.workers(), agent.id()) > 0);
        // A worker gone a minute ago: the readers' own upkeep leaves it (that waits 10 minutes), prune removes it.
        CLUSTER.probe(from).command("ZADD", keys.workers(), Long.toString(System.currentTimeMillis() - 60_000), "gone-1");
        FollowingCli cli = FollowingCli.start(FLEET, CLUSTER.url(), namespace);
        MBeanServerConnection jmx = worker.jmx();
        long failedBefore = (Long) jmx.getAttribute(AgentBeanNames.WORKER, "HeartbeatFailureCount");
        long beatsBefore = (Long) jmx.getAttribute(AgentBeanNames.WORKER, "HeartbeatCount");

        SlotMove move = CLUSTER.beginSlotMove(CLUSTER.slot(keys.workers()), to);
        move.migrate(keys.workers(), keys.worker(agent.id()), keys.events());
        long movedKeys = (Long) CLUSTER.probe(to).command("CLUSTER", "COUNTKEYSINSLOT", Integer.toString(move.slot()));
        cli.awaitBusy(worker, "mid-migration");
        ObjectName fleet = AgentBeanNames.of("io.wmon:type=Fleet,namespace=" + namespace);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat((Integer) jmx.getAttribute(fleet, "BusyCount")).isEqualTo(1);
            assertThat((String) jmx.getAttribute(fleet, "LastReadError")).isEmpty();
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> CLUSTER.probe(to).countClients("wmon:stream:") == 1);
        // prune's script names the registry and the gone worker's hash, which is on neither node: TRYAGAIN until the end.
        CliResult pruneMidMigration = Cli.run("-r", CLUSTER.url(), "-n", namespace, "prune");
        Thread.sleep(HELD_MILLIS);
        long failed = (Long) jmx.getAttribute(AgentBeanNames.WORKER, "HeartbeatFailureCount") - failedBefore;
        long beats = (Long) jmx.getAttribute(AgentBeanNames.WORKER, "HeartbeatCount") - beatsBefore;
        move.finish();

        assertThat(movedKeys).as("keys on the target while the slot migrates").isEqualTo(3);
        assertThat(beats).as("beats while the slot migrated").isGreaterThanOrEqualTo(HELD_MILLIS / 1_000);
        assertThat(failed).as("beats failed while the slot migrated").isZero();
        assertThat(pruneMidMigration.exitCode()).as(pruneMidMigration.toString()).isEqualTo(3);
        assertThat(pruneMidMigration.errLines()).singleElement().asString()
                .startsWith("wmon: Redis at redis-cluster://").contains("cannot serve this now (TRYAGAIN")
                .endsWith("it passes by itself (a failover, a resharding or a restart under way): try again shortly");
        CliResult prune = Cli.run("-r", CLUSTER.url(), "-n", namespace, "prune");
        assertThat(prune.exitCode()).as(prune.toString()).isZero();
        assertThat(prune.out()).contains("removed gone-1");
        cli.awaitBusy(worker, "after-migration");
        cli.assertNoErrorPrinted();
        cli.stop();
        System.out.printf("[figure] cluster slot held half migrated: %d beats, %d failed%n", beats, failed);
    }
}
