package io.wmon.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.wmon.it.OtelSeries.Instrument;
import io.wmon.it.OtlpJsonLog.Export;
import io.wmon.it.OtlpJsonLog.Metric;
import io.wmon.it.OtlpJsonLog.Point;
import io.wmon.mbeans.ObjectNames;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.management.Attribute;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenTelemetry Java agent beside the wmon agent in one worker JVM, with the JMX Insight rules of
 * {@code docs/apm/otel-jmx.yaml} and the {@code logging-otlp} exporter, which writes each export to
 * stderr as OTLP/JSON: every documented metric is exported with its instrument, unit and attributes,
 * and the values the MBeans hold, read over JMX around the export. A broken rule file is reported on
 * stderr and does not stop the others.
 */
@Timeout(value = 120, unit = SECONDS)
class OtelJmxIT {

    /** The agent jar the pom copies from Maven Central, and the rules under test. */
    private static final String AGENT_JAR_PROPERTY = "opentelemetry.javaagent.jar";
    private static final String CONFIG_PROPERTY = "opentelemetry.jmx.config";
    /** The instrumentation scope of every metric JMX Insight reports. */
    private static final String SCOPE = "io.opentelemetry.jmx";
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);
    /** Until the first export holds every rule's metric: JMX Insight looks for beans 1 s after start, then at growing intervals. */
    private static final Duration FIRST_EXPORT_TIMEOUT = Duration.ofSeconds(20);
    /** Exports tried until one falls between two equal JMX readings (beats are 1 s apart, exports 0.5 s). */
    private static final int WINDOW_ATTEMPTS = 20;

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    @Test
    void everyMetricIsExportedWithItsInstrumentUnitAttributesAndTheMBeansValues() throws Exception {
        OtelWorker run = startWorker("otel-values", existing(CONFIG_PROPERTY).toString());
        script(run);
        MBeanServerConnection jmx = run.worker.jmx();
        List<OtelSeries> all = OtelSeries.all(run.agent, List.of(), false);
        Set<String> names = all.stream().map(OtelSeries::metric).collect(Collectors.toCollection(TreeSet::new));
        run.log.await(export -> export.metrics().keySet().containsAll(names), FIRST_EXPORT_TIMEOUT,
                "with every metric of the rules");

        Window window = null;
        for (int attempt = 0; attempt < WINDOW_ATTEMPTS && window == null; attempt++) {
            Map<OtelSeries, Object> before = read(jmx, all);
            long readAt = epochNanos();
            Export export = run.log.await(e -> e.collectedAtNanos() > readAt, STEP_TIMEOUT, "collected after a reading");
            Map<OtelSeries, Object> after = read(jmx, all);
            assertCountersBetween(all, before, export, after);
            if (before.equals(after)) {
                window = new Window(before, export);
            }
        }
        assertThat(window).as("an export between two equal JMX readings in %d attempts", WINDOW_ATTEMPTS).isNotNull();

        assertThat(window.export.metrics().keySet()).as("the metrics of scope %s", SCOPE).isEqualTo(names);
        for (String name : names) {
            assertShape(window.export.metric(name), all.stream().filter(s -> s.metric().equals(name)).toList(),
                    window.jmx, all);
        }
        for (OtelSeries series : all) {
            Double expected = series.expected(window.jmx.get(series), siblings(series, all));
            if (expected != null) {
                assertThat(window.export.metric(series.metric()).value(series.attributes()))
                        .as("%s%s = %s.%s × %s", series.metric(), series.attributes(), series.bean(),
                                series.attribute(), series.factor())
                        .isCloseTo(expected, within(Math.abs(expected) * 1e-12));
            }
        }
        Map<String, String> worker = Map.of("wmon.namespace", run.agent.namespace(), "wmon.worker.id", run.agent.id());
        assertThat(window.export.metric("wmon.worker.jobs.processed").value(worker)).as("the script's jobs").isEqualTo(2);
        assertThat(window.export.metric("wmon.worker.jobs.failed").value(worker)).as("the script's jobs").isEqualTo(1);
        assertThat(window.export.metric("wmon.worker.status").points()).as("the state the script left")
                .filteredOn(point -> point.value() == 1).extracting(point -> point.attributes().get("wmon.worker.state"))
                .containsExactly("busy");
        assertThat(window.export.metric("db.client.connection.count").points())
                .as("the pool name as the ObjectName holds it: quoted, since it holds ':'")
                .allMatch(p -> p.attributes().get("db.client.connection.pool.name")
                        .equals("\"" + run.agent.connectionName() + "\""));
    }

    @Test
    void aBrokenRuleFileIsReportedOnStderrAndTheOtherFilesStillLoad(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, String.join("\n",
                "rules:",
                "  - bean: io.wmon:type=Worker",
                "    mapping:",
                "      HeartbeatCount:",
                "        metric: broken.heartbeats",
                "        type: countr",
                "        unit: '{heartbeat}'",
                ""));
        OtelWorker run = startWorker("otel-broken", existing(CONFIG_PROPERTY) + "," + broken);

        run.worker.awaitStderr("\\] ERROR io\\.opentelemetry\\.javaagent\\.instrumentation\\.jmx\\.JmxMetricInsightInstaller - "
                + "Error while loading JMX configuration from " + Pattern.quote(broken.toString()) + "$",
                STEP_TIMEOUT);
        run.worker.awaitStderr("^Caused by: java\\.lang\\.IllegalArgumentException: Invalid metric type: COUNTR$",
                STEP_TIMEOUT);
        Set<String> names = OtelSeries.all(run.agent, List.of(), false).stream().map(OtelSeries::metric)
                .collect(Collectors.toSet());
        Export export = run.log.await(e -> e.metrics().keySet().containsAll(names), FIRST_EXPORT_TIMEOUT,
                "with every metric of the good file");
        assertThat(export.metrics()).doesNotContainKey("broken.heartbeats");
        assertThat(run.worker.isAlive()).as("the worker runs on").isTrue();
    }

    /**
     * A worker with both agents, OpenTelemetry's first: JMX Insight with {@code config} (one or more files,
     * comma-separated), the logging-otlp metric exporter every 0.5 s, no traces or logs, and none of the
     * agent's bytecode instrumentations (JMX Insight is not one of them and stays on). The fleet view on
     * so that the Fleet rule has a bean to match.
     */
    private OtelWorker startWorker(String id, String config) {
        AgentArgs agent = FLEET.agent(id).with("fleet", "true");
        ChildProcess worker = FLEET.start("worker", FLEET.exampleWorker(Jdk.current())
                .agent(existing(AGENT_JAR_PROPERTY), "")
                .jvmFlag("-Dotel.jmx.config=" + config,
                        "-Dotel.metrics.exporter=logging-otlp",
                        "-Dotel.metric.export.interval=500",
                        "-Dotel.traces.exporter=none",
                        "-Dotel.logs.exporter=none",
                        "-Dotel.service.name=wmon-" + id,
                        "-Dotel.instrumentation.common.default-enabled=false")
                .agent(agent.toString()).args("--stdin"));
        // The OpenTelemetry agent logs to stderr only: stdout stays the worker's own.
        worker.awaitStdout("^ready pid=\\d+ agent=true$", ChildProcess.START_TIMEOUT);
        FLEET.records().awaitRecord(agent.id(), ChildProcess.START_TIMEOUT);
        return new OtelWorker(worker, agent, new OtlpJsonLog(worker.outputDir().resolve("stderr.log"), SCOPE));
    }

    /** Drives the worker to a known state: two jobs succeeded, one failed, busy with a fourth, seen by the fleet view. */
    private static void script(OtelWorker run) {
        for (String command : List.of("busy job-1", "succeed", "busy job-2", "succeed", "busy job-3", "fail",
                "busy job-4")) {
            run.worker.send(command);
            run.worker.awaitStdout("^ok " + command + "$", STEP_TIMEOUT);
        }
        FLEET.records().awaitRecord(run.agent.id(), STEP_TIMEOUT,
                record -> "busy".equals(record.get("state")) && "2".equals(record.get("processed")));
        await("the fleet view counts the worker busy").atMost(STEP_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> ((Number) run.worker.jmx().getAttribute(ObjectNames.fleet(run.agent.namespace()),
                        "BusyCount")).intValue() >= 1);
    }

    /**
     * The metric's OTLP shape follows its rule (a counter is a monotonic sum, an UpDownCounter and a state
     * metric a non-monotonic sum, a gauge a gauge), its unit, and its points are exactly the series
     * expected from this reading: a negative value of a dropNegativeValues rule has none.
     */
    private static void assertShape(Metric metric, List<OtelSeries> series, Map<OtelSeries, Object> reading,
            List<OtelSeries> all) {
        OtelSeries first = series.get(0);
        String kind = first.instrument() == Instrument.GAUGE ? "gauge" : "sum";
        assertThat(metric.kind()).as("OTLP data of %s", metric.name()).isEqualTo(kind);
        assertThat(metric.monotonic()).as("isMonotonic of %s", metric.name())
                .isEqualTo(first.instrument() == Instrument.COUNTER);
        assertThat(metric.unit()).as("unit of %s", metric.name()).isEqualTo(first.unit());
        assertThat(metric.description()).as("description of %s", metric.name()).isNotBlank();
        List<Map<String, String>> expected = new ArrayList<>();
        for (OtelSeries s : series) {
            if (s.expected(reading.get(s), siblings(s, all)) != null) {
                expected.add(s.attributes());
            }
        }
        assertThat(metric.points()).extracting(Point::attributes).as("points of %s", metric.name())
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    /** A counter never goes back: each exported counter lies between the JMX readings before and after it. */
    private static void assertCountersBetween(List<OtelSeries> all, Map<OtelSeries, Object> before, Export export,
            Map<OtelSeries, Object> after) {
        for (OtelSeries series : all) {
            Metric metric = export.metric(series.metric());
            if (series.instrument() == Instrument.COUNTER && metric != null) {
                double low = ((Number) before.get(series)).doubleValue();
                double high = ((Number) after.get(series)).doubleValue();
                assertThat(metric.value(series.attributes())).as("%s between JMX readings", series.metric())
                        .isBetween(low, high);
            }
        }
    }

    /** Each series' attribute, one {@code getAttributes} per bean. */
    private static Map<OtelSeries, Object> read(MBeanServerConnection jmx, List<OtelSeries> all) throws Exception {
        Map<ObjectName, List<String>> attributes = new LinkedHashMap<>();
        all.forEach(s -> attributes.computeIfAbsent(s.bean(), b -> new ArrayList<>()).add(s.attribute()));
        Map<ObjectName, Map<String, Object>> values = new HashMap<>();
        for (Map.Entry<ObjectName, List<String>> bean : attributes.entrySet()) {
            Map<String, Object> read = new HashMap<>();
            for (Attribute a : jmx.getAttributes(bean.getKey(), bean.getValue().toArray(String[]::new)).asList()) {
                read.put(a.getName(), a.getValue());
            }
            values.put(bean.getKey(), read);
        }
        Map<OtelSeries, Object> bySeries = new LinkedHashMap<>();
        all.forEach(s -> bySeries.put(s, Objects.requireNonNull(values.get(s.bean()).get(s.attribute()),
                s.bean() + " " + s.attribute())));
        return bySeries;
    }

    private static List<OtelSeries> siblings(OtelSeries series, List<OtelSeries> all) {
        return all.stream().filter(series::sameStateMetric).toList();
    }

    private static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static Path existing(String property) {
        Path file = Path.of(Objects.requireNonNull(System.getProperty(property), property + " is not set")).toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " does not exist (" + property + "); run the integration-tests "
                    + "build, which copies the OpenTelemetry agent jar into target/apm");
        }
        return file;
    }

    private record OtelWorker(ChildProcess worker, AgentArgs agent, OtlpJsonLog log) {
    }

    /** One export and the JMX reading taken, unchanged, on both sides of it. */
    private record Window(Map<OtelSeries, Object> jmx, Export export) {
    }
}
