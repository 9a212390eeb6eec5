package io.wmon.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wmon.it.OtlpJsonLog.Metric;
import io.wmon.it.OtlpJsonLog.Point;
import io.wmon.test.topology.RedisClusterExtension;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import java.time.Duration;
import java.util.List;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rules of {@code docs/apm/otel-jmx.yaml} in the OpenTelemetry Java agent beside a wmon agent on a
 * real three-master Redis Cluster, whose pool has a bean per node besides its total: each node bean's
 * series carry {@code wmon.redis.node}, the total's do not, and the total's bound is the nodes' sum.
 */
@Timeout(value = 120, unit = SECONDS)
class OtelJmxClusterIT {

    private static final ObjectName NODE_BEANS = create("io.wmon:type=RedisPool,name=*,node=*");

    @RegisterExtension
    static final RedisClusterExtension CLUSTER = new RedisClusterExtension();

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    @Test
    void nodeBeansAreExportedApartFromTheTotal() throws Exception {
        // A cluster URL holds commas, which an agent option writes as \,
        AgentArgs agent = AgentArgs.of(CLUSTER.url().replace(",", "\\,"), "otel-cluster")
                .with("interval", OtelWindow.BEAT_INTERVAL);
        OtelWorker run = OtelWorker.start(FLEET, agent, OtelWorker.rules().toString());
        MBeanServerConnection jmx = run.worker().jmx();
        List<String> nodes = CLUSTER.nodes().stream().map(node -> node.getHost() + ":" + node.getPort()).toList();
        await("a pool bean per node").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> jmx.queryNames(NODE_BEANS, null).size() == nodes.size());
        List<OtelSeries> all = OtelSeries.all(agent, false, nodes);

        OtelWindow window = OtelWindow.find(jmx, run.log(), all);

        window.assertMatches(all);
        Metric max = window.export().metric("db.client.connection.max");
        List<Point> ofNodes = max.points().stream().filter(p -> p.attributes().containsKey("wmon.redis.node")).toList();
        List<Point> total = max.points().stream().filter(p -> !p.attributes().containsKey("wmon.redis.node")).toList();
        assertThat(ofNodes).extracting(p -> p.attributes().get("wmon.redis.node"))
                .containsExactlyInAnyOrderElementsOf(nodes.stream().map(node -> "redis://" + node).toList());
        assertThat(total).as("one total").hasSize(1);
        assertThat(total.get(0).value()).as("the total's bound is the nodes' sum")
                .isEqualTo(ofNodes.stream().mapToDouble(Point::value).sum());
    }

    private static ObjectName create(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(name, e);
        }
    }
}
