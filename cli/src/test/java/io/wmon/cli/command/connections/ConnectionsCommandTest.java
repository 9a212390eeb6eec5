package io.wmon.cli.command.connections;

import static io.wmon.cli.TestFleet.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wmon.cli.Cli;
import io.wmon.cli.CliResult;
import io.wmon.cli.TestFleet;
import io.wmon.cli.shell.ExitCodes;
import io.wmon.core.record.WorkerState;
import io.wmon.core.redis.ConnectionNames;
import io.wmon.test.RedisServerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisException;

/**
 * {@code wmon connections} over real connections of every kind: a worker's pool and dedicated
 * stream connection (by name), an application's unnamed connection (by a local port that w-2's
 * record lists, with its socket counts, as the agent's census writes them), this command's own, a
 * foreign named client in Pub/Sub mode and unnamed strangers. w-1's record is what an agent from
 * before the census writes: no local ports, so its application figures are unknown.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionsCommandTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String NS = "conns";

    private final List<AutoCloseable> opened = new ArrayList<>();
    private TestFleet fleet;
    private final JedisPubSub subscription = new JedisPubSub() { };
    private Thread subscriber;
    private int appPort;

    @BeforeEach
    void connectionsOfEveryKind() {
        REDIS.flushAll();
        fleet = new TestFleet(REDIS.url(), NS);
        jedis(ConnectionNames.agent(NS, "w-1"));
        jedis(ConnectionNames.agent(NS, "w-1"));
        jedis(ConnectionNames.stream(NS, "w-1"));
        jedis(ConnectionNames.agent(NS, "w-2"));
        Jedis billing = jedis("billing-app");
        subscriber = new Thread(() -> billing.subscribe(subscription, "jobs"), "billing-subscriber");
        subscriber.start();
        Jedis app = jedis(null);
        appPort = localPort(app);
        jedis(null);
        jedis(null);
        long now = System.currentTimeMillis();
        fleet.write(worker("w-1", now, WorkerState.BUSY).build(),
                worker("w-2", now, WorkerState.IDLE).localPorts(List.of(appPort, 1)).redisSocketCount(3)
                        .appRedisSocketCount(2).appActiveConnections(0).appIdleConnections(1).build(),
                worker("w-3", now - 60_000, WorkerState.IDLE).poolMaxTotal(8).build());
        await().atMost(Duration.ofSeconds(10)).until(() -> REDIS.probe().clients().stream()
                .anyMatch(client -> client.name().equals("billing-app") && client.sub() == 1));
    }

    @AfterEach
    void closeAll() throws Exception {
        if (subscription.isSubscribed()) {
            try {
                subscription.unsubscribe();
            } catch (JedisException serverRestarted) {
                // The subscriber's connection died with the server (redisDownExitsThree); its thread ends by itself.
            }
        }
        subscriber.join(10_000);
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    @Test
    void groupsConnectionsByWorkerAndRoleThenCliThenNamesThenHosts() {
        CliResult result = Cli.run("-r", REDIS.url(), "-n", NS, "connections", "--json");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        JsonNode doc = result.json();
        Map<String, JsonNode> groups = new HashMap<>();
        List<String> order = new ArrayList<>();
        doc.get("groups").forEach(group -> {
            groups.put(group.get("kind").asText() + ":" + group.get("name").asText(), group);
            order.add(group.get("kind").asText());
        });
        JsonNode w1 = groups.get("worker:w-1");
        assertThat(List.of(w1.get("connections").asInt(), w1.get("agent").asInt(), w1.get("stream").asInt(),
                w1.get("subscribed").asInt(), w1.get("budget").asInt()))
                .containsExactly(3, 2, 1, 0, 5);
        assertThat(w1.has("application")).isTrue();
        assertThat(w1.get("application").isNull()).as("w-1's record lists no ports: unknown, not 0").isTrue();
        assertThat(w1.get("unknown").isNull()).isTrue();
        assertThat(w1.get("reported").get("redisSockets").isNull()).isTrue();
        assertThat(w1.get("namespace").asText()).isEqualTo(NS);
        JsonNode w2 = groups.get("worker:w-2");
        assertThat(List.of(w2.get("connections").asInt(), w2.get("agent").asInt())).containsExactly(2, 1);
        JsonNode app = w2.get("application");
        assertThat(List.of(app.get("connections").asInt(), app.get("pooled").asInt(), app.get("unpooled").asInt(),
                app.get("pubsub").asInt())).containsExactly(1, 1, 0, 0);
        assertThat(w2.get("unknown").asInt()).as("3 sockets counted, 2 here").isEqualTo(1);
        assertThat(w2.get("reported").get("redisSockets").asInt()).isEqualTo(3);
        assertThat(w2.get("reported").get("leak").asBoolean()).isFalse();
        assertThat(w2.get("clients").findValuesAsText("role")).containsExactlyInAnyOrder("agent", "app");
        assertThat(groups).doesNotContainKey("worker:w-3");

        JsonNode cli = doc.get("groups").findParents("kind").stream()
                .filter(group -> group.get("kind").asText().equals("cli")).findFirst().orElseThrow();
        assertThat(cli.get("name").asText()).isEqualTo("wmon:cli:" + NS + ":" + ProcessHandle.current().pid());
        assertThat(cli.get("self").asBoolean()).isTrue();
        assertThat(cli.get("connections").asInt()).isEqualTo(1);
        assertThat(groups.get("named:billing-app").get("connections").asInt()).isEqualTo(1);
        assertThat(groups.get("named:billing-app").get("subscribed").asInt()).as("Pub/Sub flagged").isEqualTo(1);
        assertThat(groups.get("unnamed:127.0.0.1").get("connections").asInt()).isEqualTo(2);
        assertThat(order).isSortedAccordingTo((a, b) -> rank(a) - rank(b));

        int grouped = 0;
        for (JsonNode group : doc.get("groups")) {
            grouped += group.get("connections").asInt();
        }
        assertThat(doc.get("total").asInt()).isEqualTo(grouped).isGreaterThanOrEqualTo(10);
        assertThat(doc.get("maxclients").asLong()).isEqualTo(maxClients());
        assertThat(doc.get("maxclientsProblem").isNull()).isTrue();
        JsonNode budget = doc.get("budget");
        assertThat(List.of(budget.get("workers").asInt(), budget.get("connections").asInt()))
                .containsExactly(3, 5 + 5 + 9);
        assertThat(budget.get("exceedsMaxclients").asBoolean()).isFalse();
        assertThat(doc.get("warnings")).isEmpty();
    }

    @Test
    void tableShowsTheSameGroupsAndTheTotalAgainstMaxclients() {
        CliResult result = Cli.run("-r", REDIS.url(), "-n", NS, "connections");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        Map<String, String[]> rows = new HashMap<>();
        result.out().lines().map(line -> line.trim().split("\\s+"))
                .forEach(cells -> rows.put(cells[0] + ":" + (cells.length > 1 ? cells[1] : ""), cells));
        // GROUP NAME CONNS AGENT STREAM APP POOLED UNPOOLED SUBSCRIBED UNKNOWN BUDGET
        assertThat(rows.get("worker:w-1")).startsWith("worker", "w-1", "3", "2", "1", "-", "-", "-", "0", "-", "5");
        assertThat(rows.get("worker:w-2")).startsWith("worker", "w-2", "2", "1", "0", "1", "1", "0", "0", "1", "5");
        assertThat(rows).containsKeys("named:billing-app", "unnamed:127.0.0.1",
                "cli:wmon:cli:" + NS + ":" + ProcessHandle.current().pid());
        assertThat(result.out().lines().findFirst().orElseThrow()).contains("maxclients " + maxClients());
    }

    @Test
    void warnsWhenTheFleetsBudgetExceedsMaxclients() {
        long original = maxClients();
        long now = System.currentTimeMillis();
        fleet.write(worker("big-1", now, WorkerState.IDLE).poolMaxTotal(50).build(),
                worker("big-2", now, WorkerState.IDLE).poolMaxTotal(50).build());
        fleet.admin(jedis -> jedis.configSet("maxclients", "100"));
        try {
            JsonNode doc = Cli.run("-r", REDIS.url(), "-n", NS, "connections", "--json").json();

            assertThat(doc.get("maxclients").asLong()).isEqualTo(100);
            assertThat(doc.get("budget").get("connections").asLong()).isEqualTo(5 + 5 + 9 + 51 + 51);
            assertThat(doc.get("budget").get("exceedsMaxclients").asBoolean()).isTrue();
            assertThat(doc.get("warnings")).singleElement().satisfies(warning ->
                    assertThat(warning.asText()).startsWith("fleet budget 121 connections (5 workers"));
            CliResult table = Cli.run("-r", REDIS.url(), "-n", NS, "connections");
            assertThat(table.out().lines().filter(line -> line.startsWith("WARNING: fleet budget"))).hasSize(1);
        } finally {
            fleet.admin(jedis -> jedis.configSet("maxclients", Long.toString(original)));
        }
    }

    @Test
    void maxclientsIsUnknownWhenTheUserMayNotRunConfig() {
        fleet.admin(jedis -> jedis.aclSetUser("monitor", "on", ">pw", "~*", "&*", "+@all", "-config"));
        try {
            String url = REDIS.url().replace("redis://", "redis://monitor:pw@");
            CliResult json = Cli.run("-r", url, "-n", NS, "connections", "--json");
            CliResult table = Cli.run("-r", url, "-n", NS, "connections");

            assertThat(json.exitCode()).as(json.err()).isEqualTo(ExitCodes.OK);
            assertThat(json.json().get("maxclients").isNull()).isTrue();
            assertThat(json.json().get("maxclientsProblem").asText()).contains("NOPERM");
            assertThat(json.json().get("budget").get("exceedsMaxclients").isNull()).isTrue();
            assertThat(table.exitCode()).isEqualTo(ExitCodes.OK);
            assertThat(table.out().lines().findFirst().orElseThrow()).contains("maxclients unknown");
        } finally {
            fleet.admin(jedis -> jedis.aclDelUser("monitor"));
        }
    }

    @Test
    void redisDownExitsThree() {
        REDIS.stop();
        try {
            CliResult result = Cli.run("-r", REDIS.url(), "connections");
            assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
            assertThat(result.errLines()).singleElement().asString().contains(REDIS.url());
        } finally {
            REDIS.start();
        }
    }

    private static int rank(String kind) {
        return List.of("worker", "cli", "named", "unnamed").indexOf(kind);
    }

    private Jedis jedis(String name) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder();
        if (name != null) {
            config.clientName(name);
        }
        Jedis jedis = new Jedis(hostAndPort(), config.build());
        jedis.ping();
        opened.add(jedis);
        return jedis;
    }

    private static int localPort(Jedis jedis) {
        String info = jedis.clientInfo();
        String addr = info.split("addr=")[1].split(" ")[0];
        return Integer.parseInt(addr.substring(addr.lastIndexOf(':') + 1));
    }

    private static long maxClients() {
        long[] max = new long[1];
        TestFleet.admin(REDIS.url(), jedis -> max[0] = Long.parseLong(jedis.configGet("maxclients").get("maxclients")));
        return max[0];
    }

    private static HostAndPort hostAndPort() {
        return new HostAndPort(REDIS.host(), REDIS.port());
    }
}
