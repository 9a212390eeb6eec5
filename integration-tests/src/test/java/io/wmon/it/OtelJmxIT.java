package io.wmon.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wmon.it.OtlpJsonLog.Export;
import io.wmon.mbeans.ObjectNames;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenTelemetry Java agent beside the wmon agent in one worker JVM on one Redis server, with the
 * JMX Insight rules of {@code docs/apm/otel-jmx.yaml} and the {@code logging-otlp} exporter, which
 * writes each export to stderr as OTLP/JSON: every documented metric is exported with its instrument,
 * unit and attributes, and the values the MBeans hold, read over JMX around the export. A broken rule
 * file is reported on stderr and does not stop the others. {@link OtelJmxClusterIT} covers the
 * per-node pool beans.
 */
@Timeout(value = 120, unit = SECONDS)
class OtelJmxIT {

    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    @Test
    void everyMetricIsExportedWithItsInstrumentUnitAttributesAndTheMBeansValues() throws Exception {
        OtelWorker run = start("otel-values", OtelWorker.rules().toString());
        script(run);
        List<OtelSeries> all = OtelSeries.all(run.agent(), true, List.of());

        OtelWindow window = OtelWindow.find(run.worker().jmx(), run.log(), all);

        window.assertMatches(all);
        Export export = window.export();
        Map<String, String> worker = Map.of("wmon.namespace", run.agent().namespace(), "wmon.worker.id", run.agent().id());
        assertThat(export.metric("wmon.worker.jobs.processed").value(worker)).as("the script's jobs").isEqualTo(2);
        assertThat(export.metric("wmon.worker.jobs.failed").value(worker)).as("the script's jobs").isEqualTo(1);
        assertThat(export.metric("wmon.worker.status").points()).as("the state the script left")
                .filteredOn(point -> point.value() == 1).extracting(point -> point.attributes().get("wmon.worker.state"))
                .containsExactly("busy");
        assertThat(export.metric("db.client.connection.count").points())
                .as("the pool name without the quotes its ObjectName holds it in (it holds ':')")
                .isNotEmpty().allMatch(p -> p.attributes().get("db.client.connection.pool.name")
                        .equals(run.agent().connectionName()));
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
        OtelWorker run = start("otel-broken", OtelWorker.rules() + "," + broken);

        run.worker().awaitStderr("\\] ERROR io\\.opentelemetry\\.javaagent\\.instrumentation\\.jmx\\.JmxMetricInsightInstaller"
                + " - Error while loading JMX configuration from " + Pattern.quote(broken.toString()) + "$", STEP_TIMEOUT);
        run.worker().awaitStderr("^Caused by: java\\.lang\\.IllegalArgumentException: Invalid metric type: COUNTR$",
                STEP_TIMEOUT);
        Set<String> names = OtelWindow.names(OtelSeries.all(run.agent(), true, List.of()));
        Export export = run.log().await(e -> e.metrics().keySet().containsAll(names), OtelWindow.FIRST_EXPORT_TIMEOUT,
                "with every metric of the good file");
        assertThat(export.metrics()).doesNotContainKey("broken.heartbeats");
        assertThat(run.worker().isAlive()).as("the worker runs on").isTrue();
    }

    /**
     * A worker with both agents on this class's Redis, the fleet view on so that the Fleet rule has a bean
     * to match; beats 2 s apart (see {@link OtelWindow}).
     */
    private static OtelWorker start(String id, String config) {
        AgentArgs agent = FLEET.agent(id).with("interval", OtelWindow.BEAT_INTERVAL).with("fleet", "true");
        OtelWorker run = OtelWorker.start(FLEET, agent, config);
        FLEET.records().awaitRecord(agent.id(), STEP_TIMEOUT);
        return run;
    }

    /** Drives the worker to a known state: two jobs succeeded, one failed, busy with a fourth, seen by the fleet view. */
    private static void script(OtelWorker run) {
        for (String command : List.of("busy job-1", "succeed", "busy job-2", "succeed", "busy job-3", "fail",
                "busy job-4")) {
            run.worker().send(command);
            run.worker().awaitStdout("^ok " + command + "$", STEP_TIMEOUT);
        }
        FLEET.records().awaitRecord(run.agent().id(), STEP_TIMEOUT,
                record -> "busy".equals(record.get("state")) && "2".equals(record.get("processed")));
        await("the fleet view counts the worker busy").atMost(STEP_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> ((Number) run.worker().jmx().getAttribute(ObjectNames.fleet(run.agent().namespace()),
                        "BusyCount")).intValue() >= 1);
    }
}
