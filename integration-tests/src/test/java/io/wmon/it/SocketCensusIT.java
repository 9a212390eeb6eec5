package io.wmon.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.Gson;
import io.wmon.it.fixture.LeakingSubscriberMain;
import io.wmon.mbeans.NotificationTypes;
import io.wmon.mbeans.ObjectNames;
import io.wmon.mbeans.WorkerMXBean;
import io.wmon.test.ClientInfo;
import io.wmon.test.RedisProbe;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.jvm.JvmCommand;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.management.Attribute;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.openmbean.CompositeData;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.json.JSONObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import redis.clients.authentication.core.Token;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The socket census, the leak alarm and attribution end to end: real worker JVMs with the shaded agent,
 * a real redis-server, the Worker MBean over a real JMX connector, and the real {@code wmon} jar.
 *
 * <p>What a connection belongs to is established without the census: the leaking fixture prints the
 * port of each client it opens, as the server sees it, and the agent's own connections carry its name.
 */
@Timeout(value = 180, unit = SECONDS)
class SocketCensusIT {

    private static final Duration BEAT_WAIT = Duration.ofSeconds(10);
    private static final Pattern LEAKED = Pattern.compile("(?m)^leaked (\\d+)$");
    private static final int WELL_BEHAVED_BEATS = 100;

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    @BeforeAll
    static void onLinux() {
        assumeThat(System.getProperty("os.name")).as("the socket census reads /proc").startsWith("Linux");
    }

    /** The workers of an earlier test were killed, their records left to go stale: each test starts on an empty server. */
    @BeforeEach
    void emptyServer() {
        FLEET.redis().flushAll();
    }

    /**
     * Regression for the bug wmon exists for: a new Jedis client with a Pub/Sub subscription every 200 ms,
     * never closed. Within a few beats the agent counts what CLIENT LIST shows, raises the alarm over JMX,
     * {@code wmon connections} attributes every leaked connection to the worker, and {@code status --check}
     * fails; once the clients are closed the alarm clears.
     */
    @Test
    void aClientSubscribedEveryCycleAndNeverClosedIsCountedAlarmedAndAttributed() throws Exception {
        AgentArgs agent = FLEET.agent("leaky");
        int leak = 40;
        assertThat(FLEET.probe().countClients(agent.connectionName())).isZero();
        ChildProcess worker = FLEET.start("leaky", leakingWorker(agent, leak, 200));
        worker.awaitStdout("^ready$", ChildProcess.START_TIMEOUT);
        FLEET.records().awaitRecord(agent.id(), ChildProcess.START_TIMEOUT);
        MBeanServerConnection jmx = worker.jmx();
        List<Notification> received = new CopyOnWriteArrayList<>();
        jmx.addNotificationListener(ObjectNames.worker(), (n, handback) -> received.add(n), null, null);
        WorkerMXBean bean = JMX.newMXBeanProxy(jmx, ObjectNames.worker(), WorkerMXBean.class);

        await("the leak alarm over JMX").atMost(Duration.ofSeconds(30)).until(() -> !leakEvents(received).isEmpty());
        int leakedAtAlarm = leakedPorts(worker).size();
        CompositeData raised = (CompositeData) leakEvents(received).get(0).getUserData();
        assertThat(raised.get("alarm")).isEqualTo("raised");
        assertThat((String) raised.get("reason"))
                .matches("Redis sockets rose at each of the last 5 censuses, from \\d+ to \\d+|\\d+ Redis sockets, more "
                        + "than leakThreshold 32");
        System.out.printf("SocketCensusIT: alarm raised with %d clients leaked (%d Redis sockets counted): %s%n",
                leakedAtAlarm, (int) raised.get("redisSockets"), raised.get("reason"));

        worker.awaitStdout("^stopped leaking$", Duration.ofSeconds(60));
        Set<Integer> leaked = leakedPorts(worker);
        assertThat(leaked).hasSize(leak);
        await("a census after the last leak").atMost(BEAT_WAIT)
                .until(bean::getAppRedisSocketCount, count -> count == leak);
        Set<Integer> jvmPorts = portsOf(FLEET.probe(), leaked, agent.connectionName());
        assertThat(bean.getRedisSocketCount()).as("the census against CLIENT LIST").isEqualTo(jvmPorts.size());
        assertThat(bean.getRedisSocketCount() - bean.getAppRedisSocketCount())
                .isEqualTo(FLEET.probe().countClients(agent.connectionName()));
        assertThat(bean.getRedisSocketPeak()).isGreaterThanOrEqualTo(bean.getRedisSocketCount());
        Map<String, String> record = FLEET.records().awaitRecord(agent.id(), BEAT_WAIT,
                r -> Integer.toString(leak).equals(r.get("app_sockets")));
        assertThat(record).containsEntry("leak", "1").containsEntry("redis_sockets", Integer.toString(jvmPorts.size()));
        assertThat(ports(record.get("local_ports"))).containsExactlyInAnyOrderElementsOf(jvmPorts);

        String cliName = "wmon:cli:" + AgentArgs.NAMESPACE + ":";
        assertThat(FLEET.probe().countClients(cliName)).isZero();
        WmonCli.Run connections = WmonCli.run(FLEET, "-n", AgentArgs.NAMESPACE, "connections", "--json");
        assertThat(connections.exitCode()).as(connections.err()).isZero();
        JsonNode group = group(connections.json(), "worker", agent.id());
        assertThat(rolePorts(group, "app")).as("every leaked client, by its port").isEqualTo(leaked);
        assertThat(group.get("application").get("connections").asInt()).isEqualTo(leak);
        assertThat(group.get("application").get("pubsub").asInt()).isEqualTo(leak);
        assertThat(group.get("agent").asInt()).isEqualTo(FLEET.probe().countClients(agent.connectionName()));
        assertThat(group.get("reported").get("leak").asBoolean()).isTrue();
        assertThat(unattributedPorts(connections.json())).doesNotContainAnyElementsOf(leaked);

        WmonCli.Run check = WmonCli.run(FLEET, "-n", AgentArgs.NAMESPACE, "status", "--check");
        assertThat(check.exitCode()).isEqualTo(4);
        assertThat(check.errLines()).containsExactly("wmon: unhealthy: worker leaky raised the connection-leak alarm: "
                + jvmPorts.size() + " Redis sockets, " + leak + " the application's");
        assertThat(FLEET.probe().countClients(cliName)).as("each command closed its one connection").isZero();

        worker.send("close");
        worker.awaitStdout("^closed " + leak + "$", BEAT_WAIT);
        await("the alarm clears").atMost(BEAT_WAIT).until(() -> leakEvents(received).size() == 2);
        assertThat(((CompositeData) leakEvents(received).get(1).getUserData()).get("alarm")).isEqualTo("cleared");
        FLEET.records().awaitRecord(agent.id(), BEAT_WAIT, r -> "0".equals(r.get("leak")));
        assertThat(WmonCli.run(FLEET, "-n", AgentArgs.NAMESPACE, "status", "--check").exitCode()).isZero();
        assertThat(worker.stderr()).contains("WARNING: wmon connection-leak alarm raised for worker leaky",
                "INFO: wmon connection-leak alarm cleared for worker leaky");
        await("the leak events on the stream").atMost(BEAT_WAIT).until(() -> leakStreamEvents(agent.id()).size() == 2);
        List<StreamEntry> onStream = leakStreamEvents(agent.id());
        assertThat(onStream.get(0).getFields()).containsEntry("from", "clear").containsEntry("to", "raised")
                .containsEntry("detail", (String) raised.get("reason"));
        assertThat(onStream.get(1).getFields()).containsEntry("from", "raised").containsEntry("to", "clear");
    }

    /** The {@code leak} events of {@code worker} on the namespace's stream, oldest first. */
    private static List<StreamEntry> leakStreamEvents(String worker) {
        try (Jedis jedis = new Jedis(FLEET.redis().host(), FLEET.redis().port())) {
            return jedis.xrange("wmon:{" + AgentArgs.NAMESPACE + "}:events", (StreamEntryID) null, (StreamEntryID) null)
                    .stream().filter(e -> "leak".equals(e.getFields().get("type"))
                            && worker.equals(e.getFields().get("worker"))).toList();
        }
    }

    /**
     * A worker that uses its own bounded pool (the example worker's JedisPool) is counted exactly as CLIENT
     * LIST shows it, at every one of {@value #WELL_BEHAVED_BEATS} beats, and never raises the alarm.
     */
    @Test
    void aWorkerWithItsOwnBoundedPoolIsCountedExactlyAndNeverAlarmedOverAHundredBeats() throws Exception {
        AgentArgs agent = FLEET.agent("tidy");
        ChildProcess worker = FLEET.start("tidy", FLEET.exampleWorker(Jdk.current()).agent(agent.toString())
                .args("--redis", FLEET.redis().url(), "--app-pool", "--job-millis", "20"));
        FLEET.records().awaitRecord(agent.id(), ChildProcess.START_TIMEOUT, r -> "1".equals(r.get("app_pools")));
        MBeanServerConnection jmx = worker.jmx();
        List<Notification> received = new CopyOnWriteArrayList<>();
        jmx.addNotificationListener(ObjectNames.worker(), (n, handback) -> received.add(n), null, null);
        WorkerMXBean bean = JMX.newMXBeanProxy(jmx, ObjectNames.worker(), WorkerMXBean.class);

        // The application's pool opens its connections in its first seconds: compare once it has warmed up.
        long warm = bean.getHeartbeatCount() + 3;
        await().atMost(BEAT_WAIT.multipliedBy(4)).until(bean::getHeartbeatCount, count -> count >= warm);
        long start = System.nanoTime();
        long firstBeat = bean.getHeartbeatCount();
        long beat = firstBeat;
        int compared = 0;
        while (beat < firstBeat + WELL_BEHAVED_BEATS) {
            long previous = beat;
            await().atMost(BEAT_WAIT).pollInterval(Duration.ofMillis(20))
                    .until(bean::getHeartbeatCount, count -> count > previous);
            Map<String, Object> counts = read(jmx, "HeartbeatCount", "RedisSocketCount", "AppRedisSocketCount");
            beat = (long) counts.get("HeartbeatCount");
            List<ClientInfo> server = FLEET.probe().clients().stream()
                    .filter(c -> !c.name().startsWith(RedisProbe.HARNESS_NAME_PREFIX)).toList();
            long named = server.stream().filter(c -> c.name().equals(agent.connectionName())).count();
            assertThat(counts.get("RedisSocketCount")).as("beat %d: every connection CLIENT LIST shows", beat)
                    .isEqualTo(server.size());
            assertThat(counts.get("AppRedisSocketCount")).as("beat %d: those not the agent's", beat)
                    .isEqualTo((int) (server.size() - named));
            compared++;
        }
        System.out.printf("SocketCensusIT: %d beats of the bounded-pool worker compared with CLIENT LIST in %.1f s%n",
                compared, (System.nanoTime() - start) / 1e9);
        assertThat(leakEvents(received)).as("no leak alarm").isEmpty();
        assertThat(FLEET.records().record(agent.id())).containsEntry("leak", "0");
        assertThat(bean.getRedisSocketPeak()).isLessThanOrEqualTo(1 + 2);
    }

    /** Two workers on one host, each with connections of its own: each is attributed to the worker that holds it. */
    @Test
    void twoWorkersOnOneHostHaveEachConnectionAttributedToTheOneThatHoldsIt() throws Exception {
        AgentArgs first = FLEET.agent("host-mate-1");
        AgentArgs second = FLEET.agent("host-mate-2");
        ChildProcess one = FLEET.start("mate-1", leakingWorker(first, 3, 100));
        ChildProcess two = FLEET.start("mate-2", leakingWorker(second, 5, 100));
        one.awaitStdout("^stopped leaking$", ChildProcess.START_TIMEOUT);
        two.awaitStdout("^stopped leaking$", ChildProcess.START_TIMEOUT);
        FLEET.records().awaitRecord(first.id(), BEAT_WAIT, r -> "3".equals(r.get("app_sockets")));
        FLEET.records().awaitRecord(second.id(), BEAT_WAIT, r -> "5".equals(r.get("app_sockets")));

        WmonCli.Run connections = WmonCli.run(FLEET, "-n", AgentArgs.NAMESPACE, "connections", "--json");

        assertThat(connections.exitCode()).as(connections.err()).isZero();
        JsonNode doc = connections.json();
        assertThat(rolePorts(group(doc, "worker", first.id()), "app")).isEqualTo(leakedPorts(one));
        assertThat(rolePorts(group(doc, "worker", second.id()), "app")).isEqualTo(leakedPorts(two));
        assertThat(group(doc, "worker", first.id()).get("agent").asInt()).isPositive();
        assertThat(group(doc, "worker", second.id()).get("agent").asInt()).isPositive();
        assertThat(unattributedPorts(doc)).doesNotContainAnyElementsOf(leakedPorts(one))
                .doesNotContainAnyElementsOf(leakedPorts(two));
        assertThat(group(doc, "worker", first.id()).get("unknown").asInt()).isZero();
        assertThat(group(doc, "worker", second.id()).get("unknown").asInt()).isZero();
    }

    /** The leaking fixture with the agent, on this test's class path (its Jedis 8 and what Jedis 8 needs). */
    private static JvmCommand leakingWorker(AgentArgs agent, int clients, int everyMillis) {
        List<Path> classPath = List.of(JvmCommand.classPathOf(LeakingSubscriberMain.class),
                JvmCommand.classPathOf(Jedis.class), JvmCommand.classPathOf(GenericObjectPool.class),
                JvmCommand.classPathOf(LoggerFactory.class), JvmCommand.classPathOf(Gson.class),
                JvmCommand.classPathOf(JSONObject.class), JvmCommand.classPathOf(Token.class));
        return JvmCommand.on(Jdk.current()).agent(agent.toString())
                .mainClass(LeakingSubscriberMain.class.getName(), classPath)
                .args("--redis", FLEET.redis().host() + ":" + FLEET.redis().port(), "--every-ms",
                        Integer.toString(everyMillis), "--max", Integer.toString(clients));
    }

    private static List<Notification> leakEvents(List<Notification> received) {
        return received.stream().filter(n -> n.getType().equals(NotificationTypes.CONNECTIONS_LEAK)).toList();
    }

    /** The ports the fixture printed, one per client it opened. */
    private static Set<Integer> leakedPorts(ChildProcess worker) {
        Set<Integer> ports = new HashSet<>();
        Matcher m = LEAKED.matcher(worker.stdout());
        while (m.find()) {
            ports.add(Integer.parseInt(m.group(1)));
        }
        return ports;
    }

    /** The ports of the CLIENT LIST clients that belong to the JVM: those it printed, and those named as its agent's. */
    private static Set<Integer> portsOf(RedisProbe probe, Set<Integer> printed, String agentName) {
        Set<Integer> ports = new HashSet<>();
        for (ClientInfo client : probe.clients()) {
            int port = Integer.parseInt(client.addr().substring(client.addr().lastIndexOf(':') + 1));
            if (printed.contains(port) || client.name().equals(agentName)) {
                ports.add(port);
            }
        }
        return ports;
    }

    private static Set<Integer> ports(String list) {
        return list.isEmpty() ? Set.of()
                : java.util.Arrays.stream(list.split(",")).map(Integer::parseInt).collect(Collectors.toSet());
    }

    private static JsonNode group(JsonNode doc, String kind, String name) {
        for (JsonNode group : doc.get("groups")) {
            if (group.get("kind").asText().equals(kind) && group.get("name").asText().equals(name)) {
                return group;
            }
        }
        throw new AssertionError("no group " + kind + " " + name + " in " + doc);
    }

    private static Set<Integer> rolePorts(JsonNode group, String role) {
        Set<Integer> ports = new HashSet<>();
        for (JsonNode client : group.get("clients")) {
            if (client.get("role").asText().equals(role)) {
                String addr = client.get("addr").asText();
                ports.add(Integer.parseInt(addr.substring(addr.lastIndexOf(':') + 1)));
            }
        }
        return ports;
    }

    private static Set<Integer> unattributedPorts(JsonNode doc) {
        Set<Integer> ports = new HashSet<>();
        for (JsonNode group : doc.get("groups")) {
            if (group.get("kind").asText().equals("unnamed")) {
                ports.addAll(rolePorts(group, "unnamed"));
            }
        }
        return ports;
    }

    private static Map<String, Object> read(MBeanServerConnection jmx, String... names) throws Exception {
        Map<String, Object> values = new HashMap<>();
        for (Attribute attribute : jmx.getAttributes(ObjectNames.worker(), names).asList()) {
            values.put(attribute.getName(), attribute.getValue());
        }
        return values;
    }
}
