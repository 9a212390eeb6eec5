package io.wmon.cli.command.connections;

import static io.wmon.cli.TestFleet.worker;
import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.cli.TestFleet;
import io.wmon.core.fleet.FleetReader;
import io.wmon.core.fleet.FleetSnapshot;
import io.wmon.core.record.WorkerState;
import io.wmon.core.redis.PoolSettings;
import io.wmon.core.redis.RedisEndpoint;
import io.wmon.core.redis.SharedPool;
import io.wmon.core.redis.SharedPoolRegistry;
import io.wmon.test.RedisServerExtension;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Attribution by local port, on records read back from a real server and CLIENT LIST lines of several
 * hosts (which one test machine cannot open for real): the address of a worker's named connections tells
 * apart two hosts that use the same port, named application connections are attributed too, and the
 * worker's own figures (pooled, unpooled, Pub/Sub, unknown) come out of its record.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConnectionCensusTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final long NOW = 1_767_225_600_000L;
    private static final String NS = "attr";
    private static FleetSnapshot fleet;

    @BeforeAll
    static void readAFleet() {
        TestFleet writer = new TestFleet(REDIS.url(), NS);
        writer.write(
                // Host A: the agent's connection from 10.0.0.1, the application's on 40001..40004.
                worker("a", NOW, WorkerState.BUSY).localPorts(List.of(40001, 40002, 40003, 40004, 50000))
                        .redisSocketCount(6).appRedisSocketCount(5).appActiveConnections(1).appIdleConnections(0)
                        .leakAlarm(true).build(),
                // Host B uses port 40001 too, toward the same server.
                worker("b", NOW, WorkerState.IDLE).localPorts(List.of(40001, 50001)).redisSocketCount(2)
                        .appRedisSocketCount(1).appActiveConnections(0).appIdleConnections(1).build(),
                // An agent from before the socket census.
                worker("old", NOW, WorkerState.IDLE).build(),
                // A leak past the cap: 70 sockets, 64 ports listed.
                worker("many", NOW, WorkerState.IDLE).localPorts(ports(41_000, 64)).redisSocketCount(70)
                        .appRedisSocketCount(69).build());
        try (SharedPool pool = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(REDIS.url()), "wmon:test:attr",
                PoolSettings.defaults())) {
            fleet = new FleetReader(pool, writer.keys(), Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC)).read();
        }
    }

    private static List<Integer> ports(int first, int n) {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ports.add(first + i);
        }
        return ports;
    }

    private static ClientLine client(long id, String name, String addr, int sub, String flags) {
        return new ClientLine(id, name, addr, 10, 1, 0, sub, 0, flags, sub > 0 ? "subscribe" : "get");
    }

    private static ConnectionReport report(List<ClientLine> clients) {
        return new ConnectionCensus(fleet).report(new ClientListReader.ServerClients(clients, 10_000, ""),
                "redis://cache:6379", "wmon:cli:attr:1", NOW);
    }

    private static Map<String, ConnectionGroup> groups(List<ClientLine> clients) {
        ConnectionReport report = report(clients);
        Map<String, ConnectionGroup> groups = new HashMap<>();
        for (ConnectionGroup group : report.groups()) {
            groups.put(group.kind().wire() + ":" + group.name(), group);
        }
        return groups;
    }

    @Test
    void theSamePortOnTwoHostsGoesToTheWorkerOfEachHost() {
        List<ClientLine> clients = new ArrayList<>();
        clients.add(client(1, "wmon:agent:attr:a", "10.0.0.1:50000", 0, "N"));
        clients.add(client(2, "wmon:agent:attr:b", "10.0.0.2:50001", 0, "N"));
        clients.add(client(3, "", "10.0.0.1:40001", 0, "N"));
        clients.add(client(4, "", "10.0.0.2:40001", 0, "N"));
        // A third host using 40001 belongs to neither.
        clients.add(client(5, "", "10.0.0.3:40001", 0, "N"));

        Map<String, ConnectionGroup> groups = groups(clients);

        assertThat(groups.get("worker:a").members()).extracting(m -> m.client().id()).containsExactly(1L, 3L);
        assertThat(groups.get("worker:b").members()).extracting(m -> m.client().id()).containsExactly(2L, 4L);
        assertThat(groups.get("unnamed:10.0.0.3").connections()).isEqualTo(1);
    }

    @Test
    void namedAndSubscribedApplicationConnectionsAreTheWorkersAndCountedByKind() {
        List<ClientLine> clients = new ArrayList<>();
        clients.add(client(1, "wmon:agent:attr:a", "10.0.0.1:50000", 0, "N"));
        clients.add(client(2, "", "10.0.0.1:40001", 0, "N"));
        clients.add(client(3, "", "10.0.0.1:40002", 0, "N"));
        clients.add(client(4, "billing-listener", "10.0.0.1:40003", 1, "P"));
        clients.add(client(5, "", "10.0.0.1:40004", 0, "P"));

        ConnectionGroup a = groups(clients).get("worker:a");

        assertThat(a.count(Role.AGENT)).isEqualTo(1);
        assertThat(a.application()).isEqualTo(4);
        assertThat(a.applicationPubSub()).as("sub=1, and flags P alone").isEqualTo(2);
        assertThat(a.applicationPooled()).as("app_active + app_idle = 1").isEqualTo(1);
        assertThat(a.applicationUnpooled()).isEqualTo(1);
        assertThat(a.unknown()).as("6 counted, 5 listed here").isEqualTo(1);
        assertThat(a.leak()).isTrue();
        assertThat(a.portsCapped()).isFalse();
    }

    @Test
    void aWorkerWithoutTheSocketCensusHasUnknownFiguresNotZeros() {
        List<ClientLine> clients = List.of(client(1, "wmon:agent:attr:old", "10.0.0.9:50009", 0, "N"),
                client(2, "", "10.0.0.9:40009", 0, "N"));

        Map<String, ConnectionGroup> groups = groups(clients);
        ConnectionGroup old = groups.get("worker:old");

        assertThat(old.portsReported()).isFalse();
        assertThat(old.application()).isEqualTo(-1);
        assertThat(old.applicationPooled()).isEqualTo(-1);
        assertThat(old.unknown()).isEqualTo(-1);
        assertThat(groups.get("unnamed:10.0.0.9").connections()).isEqualTo(1);
    }

    @Test
    void withoutANamedConnectionAPortAloneStillAttributesWhenOnlyOneWorkerListsIt() {
        List<ClientLine> clients = List.of(client(1, "", "10.0.0.1:40002", 0, "N"),
                client(2, "", "10.0.0.1:40001", 0, "N"));

        Map<String, ConnectionGroup> groups = groups(clients);

        assertThat(groups.get("worker:a").members()).extracting(m -> m.client().id()).containsExactly(1L);
        assertThat(groups.get("unnamed:10.0.0.1").members()).as("40001: a or b, nothing says which")
                .extracting(m -> m.client().id()).containsExactly(2L);
    }

    @Test
    void theLeakAlarmAndAListCutAtItsCapAreWarnedAbout() {
        List<ClientLine> clients = new ArrayList<>();
        clients.add(client(1, "wmon:agent:attr:a", "10.0.0.1:50000", 0, "N"));
        clients.add(client(2, "", "10.0.0.1:40002", 1, "P"));
        for (int i = 0; i < 70; i++) {
            clients.add(client(100 + i, "", "10.0.0.7:" + (41_000 + i), 0, "N"));
        }

        ConnectionReport report = report(clients);

        assertThat(report.warnings()).contains(
                "worker a raised the connection-leak alarm: its census counts 6 Redis sockets, 5 of them the "
                        + "application's; 1 of them are here, 1 in Pub/Sub mode",
                "worker many lists 64 of its 70 Redis sockets' ports (local_ports holds at most 64); the others are "
                        + "among the unattributed");
        Map<String, ConnectionGroup> groups = groups(clients);
        assertThat(groups.get("worker:many").application()).isEqualTo(64);
        assertThat(groups.get("worker:many").portsCapped()).isTrue();
        assertThat(groups.get("unnamed:10.0.0.7").connections()).isEqualTo(6);
        assertThat(String.join("\n", ConnectionsView.render(report))).contains("LEAK ALARM: 6 Redis sockets",
                "ports capped: 64 of 70 listed");
    }
}
