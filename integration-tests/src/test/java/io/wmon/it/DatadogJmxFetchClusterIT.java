package io.wmon.it;

import static io.wmon.it.DatadogCheck.QUIET_INTERVAL;
import static io.wmon.it.DatadogCheck.settled;
import static io.wmon.it.DatadogCheck.window;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wmon.it.DatadogCheck.Window;
import io.wmon.it.DatadogSeries.Instance;
import io.wmon.it.DatadogSeries.Key;
import io.wmon.mbeans.ObjectNames;
import io.wmon.test.FreePorts;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.topology.RedisClusterExtension;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The per-node pool beans of a {@code redis-cluster://} endpoint through Datadog's JMXFetch with
 * {@code docs/apm/datadog-jmx.yaml}: each node's figures carry {@code server_address} and
 * {@code server_port}, the pool's total none, and every value is its bean's, as in
 * {@link DatadogJmxFetchIT} (which covers every other metric on a single server).
 */
@Timeout(value = 120, unit = SECONDS)
class DatadogJmxFetchClusterIT {

    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectName WORKER = ObjectNames.worker();

    @RegisterExtension
    static final RedisClusterExtension CLUSTER = new RedisClusterExtension();

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    @Test
    void eachNodeIsTaggedWithItsAddressAndTheTotalWithNone() throws Exception {
        int port = FreePorts.find();
        // A comma inside an agent option's value is written \, (docs/agent.md).
        AgentArgs agent = AgentArgs.of(CLUSTER.url().replace(",", "\\,"), "dd-cluster").with("interval", QUIET_INTERVAL);
        ChildProcess worker = FLEET.start("worker", FLEET.exampleWorker(Jdk.current()).jvmFlag(DatadogCheck.jmxPort(port))
                .agent(agent.toString()).args("--stdin"));
        worker.awaitStdout("^ready pid=\\d+ agent=true$", ChildProcess.START_TIMEOUT);
        MBeanServerConnection jmx = worker.jmx();
        // The node beans are registered at the beat after the nodes are found: the early beat of a state change.
        drive(worker, jmx, "busy", "busy job-1");
        Set<String> nodes = CLUSTER.nodes().stream().map(n -> n.getHost() + ":" + n.getPort()).collect(Collectors.toSet());
        await("a pool bean per node").atMost(STEP_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> nodeBeans(WmonBeans.read(jmx)).equals(nodes));

        Instance instance = DatadogCheck.instance(agent.namespace(), agent.id());
        List<Window> windows = new ArrayList<>();
        WmonBeans before = settled(jmx);
        JmxFetch fetch = JmxFetch.start(FLEET, JmxFetch.writeConfDirectory(worker.outputDir().resolveSibling("conf.d"),
                DatadogCheck.instances(port, instance)));
        windows.add(window(fetch, jmx, before));
        drive(worker, jmx, "idle", "succeed", "idle");
        windows.add(window(fetch, jmx, settled(jmx)));

        Map<Integer, Map<Key, Double>> printed = DatadogCheck.assertEveryCollection(instance, windows);
        for (Map<Key, Double> collection : printed.values()) {
            Set<String> addresses = collection.keySet().stream().filter(k -> k.name().equals("db.client.connection.max"))
                    .map(DatadogJmxFetchClusterIT::server).collect(Collectors.toSet());
            assertThat(addresses).as("db.client.connection.max: the total (no server tags) and each node")
                    .containsExactlyInAnyOrderElementsOf(nodesAndTotal(nodes));
        }
    }

    /** Sends {@code commands} and waits until the Worker bean shows {@code state} after a beat that followed the first. */
    private static void drive(ChildProcess worker, MBeanServerConnection jmx, String state, String... commands)
            throws Exception {
        long beats = (Long) jmx.getAttribute(WORKER, "HeartbeatCount");
        for (String command : commands) {
            worker.send(command);
            worker.awaitStdout("^ok " + command + "$", STEP_TIMEOUT);
        }
        await("an early beat with " + state).atMost(STEP_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> state.equals(jmx.getAttribute(WORKER, "State"))
                        && (Long) jmx.getAttribute(WORKER, "HeartbeatCount") > beats);
    }

    private static Set<String> nodeBeans(WmonBeans beans) {
        return beans.ofKind(WmonBeans.Kind.NODE).stream().map(name -> WmonBeans.property(name, "node"))
                .collect(Collectors.toSet());
    }

    /** {@code host:port} of a key's server tags, empty when it has none. */
    private static String server(Key key) {
        String address = tag(key, "server_address");
        String port = tag(key, "server_port");
        return address == null && port == null ? "" : address + ":" + port;
    }

    private static String tag(Key key, String name) {
        return key.tags().stream().filter(t -> t.startsWith(name + ":")).map(t -> t.substring(name.length() + 1))
                .findFirst().orElse(null);
    }

    /** The nodes' {@code host:port}, and the total's empty one. */
    private static List<String> nodesAndTotal(Set<String> nodes) {
        List<String> all = new ArrayList<>(nodes);
        all.add("");
        return all;
    }
}
