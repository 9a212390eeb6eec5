package io.wmon.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.wmon.mbeans.ObjectNames;
import io.wmon.test.FreePorts;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.management.Attribute;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Prometheus's own {@code jmx_prometheus_javaagent} beside the wmon agent in one worker JVM, with the
 * rules of {@code docs/apm/jmx_exporter.yaml}: its {@code /metrics}, fetched over HTTP, carries every
 * documented series with its {@code # TYPE}, and the values the MBeans hold, read over JMX around the
 * scrape.
 */
@Timeout(value = 120, unit = SECONDS)
class JmxExporterScrapeIT {

    /** The exporter jar the pom copies from Maven Central, and the rules under test. */
    private static final String EXPORTER_JAR_PROPERTY = "jmx.exporter.jar";
    private static final String EXPORTER_CONFIG_PROPERTY = "jmx.exporter.config";
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);
    /** Readings tried until one scrape falls between two equal JMX readings (beats are 1 s apart). */
    private static final int WINDOW_ATTEMPTS = 20;

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(STEP_TIMEOUT).build();

    @Test
    void everyDocumentedSeriesIsServedWithItsType() throws Exception {
        ScriptedWorker run = startScriptedWorker("prom-types");
        Exposition scrape = scrape(run.port, run.worker.outputDir().resolve("metrics.txt"));

        for (Series series : Series.all(run.agent.connectionName())) {
            assertThat(scrape.type(series.metric)).as("# TYPE of %s", series.metric).isEqualTo(series.type);
            assertThat(scrape.value(series.metric, series.labels)).as("%s%s", series.metric, series.labels).isNotNull();
        }
        assertThat(scrape.type("wmon_worker_state")).isEqualTo("gauge");
        assertThat(scrape.type("wmon_worker_identity")).isEqualTo("gauge");
        assertThat(scrape.type("wmon_redis_breaker_state")).isEqualTo("gauge");
        assertThat(scrape.type("wmon_fleet_worker_state")).isEqualTo("gauge");
        assertThat(scrape.type("wmon_fleet_worker_jobs_processed_total")).isEqualTo("counter");
        assertThat(scrape.names()).as("no io.wmon attribute falls through to the exporter's default names")
                .noneMatch(name -> name.startsWith("io_wmon_"));
    }

    @Test
    void valuesEqualTheMBeansReadAroundTheScrape() throws Exception {
        ScriptedWorker run = startScriptedWorker("prom-values");
        MBeanServerConnection jmx = run.worker.jmx();
        List<Series> all = Series.all(run.agent.connectionName());

        Window window = null;
        for (int attempt = 0; attempt < WINDOW_ATTEMPTS && window == null; attempt++) {
            Reading before = read(jmx, all, run.agent);
            Exposition scrape = scrape(run.port, null);
            Reading after = read(jmx, all, run.agent);
            assertCountersMonotonic(all, before.beans, scrape, after.beans);
            if (before.equals(after)) {
                window = new Window(before, scrape);
            }
        }
        assertThat(window).as("a scrape between two equal JMX readings in %d attempts", WINDOW_ATTEMPTS).isNotNull();

        for (Series series : all) {
            double expected = ((Number) window.jmx.beans.get(series)).doubleValue() * series.factor;
            assertThat(window.scrape.value(series.metric, series.labels)).as("%s%s = %s.%s × %s", series.metric,
                    series.labels, series.bean, series.attribute, series.factor)
                    .isCloseTo(expected, within(Math.abs(expected) * 1e-12));
        }
        assertThat(window.scrape.value("wmon_worker_jobs_processed_total", Map.of())).as("the script's jobs").isEqualTo(2);
        assertThat(window.scrape.value("wmon_worker_jobs_failed_total", Map.of())).as("the script's jobs").isEqualTo(1);
        assertLabelledByStrings(jmx, run.agent, window.scrape, window.jmx.fleetRow);
    }

    /** The string attributes become labels: State, the breaker's State, the pool name, the fleet row. */
    private static void assertLabelledByStrings(MBeanServerConnection jmx, AgentArgs agent, Exposition scrape,
            Map<String, Object> row) throws Exception {
        String state = (String) jmx.getAttribute(ObjectNames.worker(), "State");
        assertThat(state).isEqualTo("busy");
        assertThat(scrape.samples("wmon_worker_state")).containsExactly(
                new Sample("wmon_worker_state", Map.of("state", state), 1.0));
        String breaker = (String) jmx.getAttribute(ObjectNames.circuitBreaker("redis"), "State");
        assertThat(scrape.samples("wmon_redis_breaker_state")).containsExactly(
                new Sample("wmon_redis_breaker_state", Map.of("breaker", "redis", "state", breaker), 1.0));
        assertThat(scrape.samples("wmon_worker_identity")).containsExactly(new Sample("wmon_worker_identity",
                Map.of("wmon_namespace", (String) jmx.getAttribute(ObjectNames.worker(), "Namespace"),
                        "wmon_worker_id", (String) jmx.getAttribute(ObjectNames.worker(), "Id"),
                        "db_client_connection_pool_name", agent.connectionName()), 1.0));

        Map<String, String> who = Map.of("wmon_namespace", agent.namespace(), "wmon_worker_id", agent.id());
        assertThat(scrape.value("wmon_fleet_worker_jobs_processed_total", who)).isEqualTo(
                ((Number) row.get("processed")).doubleValue());
        assertThat(scrape.value("wmon_fleet_worker_jobs_failed_total", who)).isEqualTo(
                ((Number) row.get("failed")).doubleValue());
        assertThat(scrape.value("wmon_fleet_worker_beat_age_seconds", who)).isCloseTo(
                ((Number) row.get("ageMillis")).doubleValue() * 0.001, within(1e-9));
        // The namespace's other workers (earlier tests') have rows too: only this worker's are compared.
        assertThat(scrape.samples("wmon_fleet_worker_state", who)).containsExactly(new Sample("wmon_fleet_worker_state",
                with(who, "state", (String) row.get("state")), 1.0));
        assertThat(scrape.samples("wmon_fleet_worker_status", who)).containsExactly(new Sample("wmon_fleet_worker_status",
                with(who, "status", (String) row.get("status")), 1.0));
    }

    /** A counter never goes back: the scraped value lies between the JMX readings before and after it. */
    private static void assertCountersMonotonic(List<Series> all, Map<Series, Object> before, Exposition scrape,
            Map<Series, Object> after) {
        for (Series series : all) {
            if (series.type.equals("counter")) {
                double low = ((Number) before.get(series)).doubleValue();
                double high = ((Number) after.get(series)).doubleValue();
                assertThat(scrape.value(series.metric, series.labels)).as("%s between JMX readings", series.metric)
                        .isBetween(low, high);
            }
        }
    }

    /**
     * A worker with both agents, the exporter's first, driven through its stdin to a known state:
     * two jobs succeeded, one failed, busy with a fourth; the fleet view on so that the Fleet rules have
     * a bean to match.
     */
    private ScriptedWorker startScriptedWorker(String id) {
        int port = FreePorts.find();
        AgentArgs agent = FLEET.agent(id).with("fleet", "true");
        ChildProcess worker = FLEET.start("worker", FLEET.exampleWorker(Jdk.current())
                .agent(ApmFiles.existing(EXPORTER_JAR_PROPERTY), FreePorts.LOOPBACK + ":" + port + ":"
                        + ApmFiles.existing(EXPORTER_CONFIG_PROPERTY))
                .agent(agent.toString()).args("--stdin"));
        worker.awaitStdout("^ready pid=\\d+ agent=true$", ChildProcess.START_TIMEOUT);
        FLEET.records().awaitRecord(agent.id(), ChildProcess.START_TIMEOUT);
        for (String command : List.of("busy job-1", "succeed", "busy job-2", "succeed", "busy job-3", "fail",
                "busy job-4")) {
            worker.send(command);
            worker.awaitStdout("^ok " + command + "$", STEP_TIMEOUT);
        }
        FLEET.records().awaitRecord(agent.id(), STEP_TIMEOUT,
                record -> "busy".equals(record.get("state")) && "2".equals(record.get("processed")));
        ScriptedWorker run = new ScriptedWorker(worker, agent, port);
        await("the fleet view lists the worker busy").atMost(STEP_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> "busy".equals(fleetRow(worker.jmx(), agent).get("state")));
        return run;
    }

    /** GET /metrics; the body is also saved to {@code keep} when it is not null (docs/apm.md quotes it). */
    private Exposition scrape(int port, Path keep) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + FreePorts.LOOPBACK + ":" + port + "/metrics"))
                .timeout(STEP_TIMEOUT).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET /metrics").isEqualTo(200);
        if (keep != null) {
            Files.writeString(keep, response.body());
        }
        return Exposition.parse(response.body());
    }

    /** Each series' attribute, one {@code getAttributes} per bean so that a bean's values agree, and the fleet row. */
    private static Reading read(MBeanServerConnection jmx, List<Series> all, AgentArgs agent) throws Exception {
        Map<ObjectName, List<String>> attributes = new LinkedHashMap<>();
        all.forEach(s -> attributes.computeIfAbsent(s.bean, b -> new ArrayList<>()).add(s.attribute));
        Map<ObjectName, Map<String, Object>> values = new HashMap<>();
        for (Map.Entry<ObjectName, List<String>> bean : attributes.entrySet()) {
            Map<String, Object> read = new HashMap<>();
            for (Attribute a : jmx.getAttributes(bean.getKey(), bean.getValue().toArray(String[]::new)).asList()) {
                read.put(a.getName(), asNumber(a.getValue()));
            }
            values.put(bean.getKey(), read);
        }
        Map<Series, Object> bySeries = new LinkedHashMap<>();
        all.forEach(s -> bySeries.put(s, Objects.requireNonNull(values.get(s.bean).get(s.attribute), s.attribute)));
        return new Reading(bySeries, fleetRow(jmx, agent));
    }

    /** This worker's row of the Fleet bean's Workers table. */
    private static Map<String, Object> fleetRow(MBeanServerConnection jmx, AgentArgs agent) throws Exception {
        TabularData table = (TabularData) jmx.getAttribute(ObjectNames.fleet(agent.namespace()), "Workers");
        CompositeData row = table.get(new Object[] {agent.id()});
        Map<String, Object> values = new TreeMap<>();
        if (row != null) {
            row.getCompositeType().keySet().forEach(key -> values.put(key, row.get(key)));
        }
        return values;
    }

    private static Object asNumber(Object value) {
        return value instanceof Boolean b ? (b ? 1L : 0L) : value;
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> more = new HashMap<>(labels);
        more.put(key, value);
        return more;
    }

    private record ScriptedWorker(ChildProcess worker, AgentArgs agent, int port) {
    }

    /** The series' attributes, and this worker's row of the Fleet bean's Workers table. */
    private record Reading(Map<Series, Object> beans, Map<String, Object> fleetRow) {
    }

    /** One scrape and the JMX reading taken, unchanged, on both sides of it. */
    private record Window(Reading jmx, Exposition scrape) {
    }

    /** A documented numeric series, the attribute it reads, and the factor its unit takes. */
    private record Series(String metric, Map<String, String> labels, ObjectName bean, String attribute, double factor,
            String type) {

        static List<Series> all(String poolName) {
            ObjectName worker = ObjectNames.worker();
            ObjectName pool = ObjectNames.redisPool(poolName);
            ObjectName breaker = ObjectNames.circuitBreaker("redis");
            ObjectName fleet = ObjectNames.fleet(AgentArgs.NAMESPACE);
            Map<String, String> none = Map.of();
            Map<String, String> ofPool = Map.of("db_client_connection_pool_name", poolName, "db_system_name", "redis");
            Map<String, String> ofBreaker = Map.of("breaker", "redis");
            Map<String, String> ofFleet = Map.of("wmon_namespace", AgentArgs.NAMESPACE);
            return List.of(
                    new Series("wmon_worker_heartbeats_total", none, worker, "HeartbeatCount", 1, "counter"),
                    new Series("wmon_worker_heartbeat_failures_total", none, worker, "HeartbeatFailureCount", 1, "counter"),
                    new Series("wmon_worker_jobs_processed_total", none, worker, "JobsProcessedCount", 1, "counter"),
                    new Series("wmon_worker_jobs_failed_total", none, worker, "JobsFailedCount", 1, "counter"),
                    new Series("wmon_worker_truncated_values_total", none, worker, "TruncatedValueCount", 1, "counter"),
                    new Series("wmon_worker_events_dropped_total", none, worker, "EventsDroppedCount", 1, "counter"),
                    new Series("wmon_worker_redis_round_trip_seconds", none, worker, "RedisRoundTripMicros", 1e-6, "gauge"),
                    new Series("wmon_worker_redis_available", none, worker, "RedisAvailable", 1, "gauge"),
                    new Series("wmon_worker_last_heartbeat_timestamp_seconds", none, worker, "LastHeartbeatMillis", 1e-3,
                            "gauge"),
                    new Series("wmon_worker_start_time_seconds", none, worker, "StartedAtMillis", 1e-3, "gauge"),
                    new Series("wmon_worker_redis_sockets", none, worker, "RedisSocketCount", 1, "gauge"),
                    new Series("wmon_worker_app_redis_sockets", none, worker, "AppRedisSocketCount", 1, "gauge"),
                    new Series("wmon_worker_redis_sockets_peak", none, worker, "RedisSocketPeak", 1, "gauge"),
                    new Series("wmon_worker_app_pools", none, worker, "AppPoolCount", 1, "gauge"),
                    new Series("wmon_worker_app_connections", Map.of("state", "used"), worker, "AppActiveConnections", 1,
                            "gauge"),
                    new Series("wmon_worker_app_connections", Map.of("state", "idle"), worker, "AppIdleConnections", 1,
                            "gauge"),
                    new Series("db_client_connection_count", with(ofPool, "db_client_connection_state", "used"), pool,
                            "Active", 1, "gauge"),
                    new Series("db_client_connection_count", with(ofPool, "db_client_connection_state", "idle"), pool,
                            "Idle", 1, "gauge"),
                    new Series("db_client_connection_max", ofPool, pool, "MaxTotal", 1, "gauge"),
                    new Series("db_client_connection_idle_max", ofPool, pool, "MaxIdle", 1, "gauge"),
                    new Series("db_client_connection_idle_min", ofPool, pool, "MinIdle", 1, "gauge"),
                    new Series("db_client_connection_pending_requests", ofPool, pool, "Waiters", 1, "gauge"),
                    new Series("db_client_connection_timeouts_total", ofPool, pool, "ExhaustedCount", 1, "counter"),
                    new Series("wmon_redis_pool_connections_opened_total", ofPool, pool, "CreatedCount", 1, "counter"),
                    new Series("wmon_redis_pool_connections_closed_total", ofPool, pool, "DestroyedCount", 1, "counter"),
                    new Series("wmon_redis_pool_borrows_total", ofPool, pool, "BorrowedCount", 1, "counter"),
                    new Series("wmon_redis_pool_returns_total", ofPool, pool, "ReturnedCount", 1, "counter"),
                    new Series("wmon_redis_pool_borrow_wait_mean_seconds", ofPool, pool, "MeanBorrowWaitMillis", 1e-3,
                            "gauge"),
                    new Series("wmon_redis_pool_borrow_wait_max_seconds", ofPool, pool, "MaxBorrowWaitMillis", 1e-3,
                            "gauge"),
                    new Series("wmon_redis_breaker_failure_ratio", ofBreaker, breaker, "FailureRatePercent", 0.01, "gauge"),
                    new Series("wmon_redis_breaker_buffered_calls", ofBreaker, breaker, "BufferedCallCount", 1, "gauge"),
                    new Series("wmon_redis_breaker_failed_calls_total", ofBreaker, breaker, "FailedCallCount", 1,
                            "counter"),
                    new Series("wmon_redis_breaker_not_permitted_calls_total", ofBreaker, breaker,
                            "NotPermittedCallCount", 1, "counter"),
                    new Series("wmon_redis_breaker_delay_seconds", ofBreaker, breaker, "DelayMillis", 1e-3, "gauge"),
                    new Series("wmon_redis_breaker_state_changed_timestamp_seconds", ofBreaker, breaker,
                            "StateChangedAtMillis", 1e-3, "gauge"),
                    new Series("wmon_fleet_workers", with(ofFleet, "status", "alive"), fleet, "AliveCount", 1, "gauge"),
                    new Series("wmon_fleet_workers", with(ofFleet, "status", "stale"), fleet, "StaleCount", 1, "gauge"),
                    new Series("wmon_fleet_workers", with(ofFleet, "status", "gone"), fleet, "GoneCount", 1, "gauge"),
                    new Series("wmon_fleet_workers", with(ofFleet, "status", "invalid"), fleet, "InvalidCount", 1,
                            "gauge"),
                    new Series("wmon_fleet_alive_workers", with(ofFleet, "state", "busy"), fleet, "BusyCount", 1, "gauge"),
                    new Series("wmon_fleet_alive_workers", with(ofFleet, "state", "idle"), fleet, "IdleCount", 1, "gauge"),
                    new Series("wmon_fleet_alive_workers", with(ofFleet, "state", "paused"), fleet, "PausedCount", 1,
                            "gauge"),
                    new Series("wmon_fleet_reads_total", ofFleet, fleet, "FleetReadCount", 1, "counter"),
                    new Series("wmon_fleet_read_timestamp_seconds", ofFleet, fleet, "ReadAtMillis", 1e-3, "gauge"));
        }
    }

    /** One sample line of the text exposition format: name, labels, value. */
    private record Sample(String name, Map<String, String> labels, double value) {
    }

    /**
     * The Prometheus text exposition format (version 0.0.4, what the exporter serves without an
     * {@code Accept} header), parsed as far as this test reads it: {@code # TYPE} lines and samples.
     */
    private record Exposition(Map<String, String> types, List<Sample> samples) {

        static Exposition parse(String text) {
            Map<String, String> types = new HashMap<>();
            List<Sample> samples = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (line.startsWith("# TYPE ")) {
                    String[] words = line.split(" ");
                    types.put(words[2], words[3]);
                } else if (!line.isBlank() && !line.startsWith("#")) {
                    samples.add(sample(line));
                }
            }
            return new Exposition(types, samples);
        }

        String type(String family) {
            return types.get(family);
        }

        List<String> names() {
            return samples.stream().map(Sample::name).distinct().toList();
        }

        List<Sample> samples(String name) {
            return samples.stream().filter(s -> s.name.equals(name)).toList();
        }

        /** The samples of {@code name} whose labels include every one of {@code some}. */
        List<Sample> samples(String name, Map<String, String> some) {
            return samples(name).stream().filter(s -> s.labels.entrySet().containsAll(some.entrySet())).toList();
        }

        /** The value of the sample with exactly these labels, or null when there is none. */
        Double value(String name, Map<String, String> labels) {
            return samples.stream().filter(s -> s.name.equals(name) && s.labels.equals(labels)).map(Sample::value)
                    .findFirst().orElse(null);
        }

        private static Sample sample(String line) {
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            if (brace < 0 || brace > space) {
                return new Sample(line.substring(0, space), Map.of(), Double.parseDouble(line.substring(space + 1)));
            }
            Map<String, String> labels = new HashMap<>();
            int i = brace + 1;
            while (line.charAt(i) != '}') {
                int equals = line.indexOf('=', i);
                String key = line.substring(i, equals);
                StringBuilder value = new StringBuilder();
                int j = equals + 2; // after ="
                for (; line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char escaped = line.charAt(++j);
                        value.append(escaped == 'n' ? '\n' : escaped);
                    } else {
                        value.append(c);
                    }
                }
                labels.put(key, value.toString());
                i = line.charAt(j + 1) == ',' ? j + 2 : j + 1;
            }
            String rest = line.substring(i + 1).trim();
            return new Sample(line.substring(0, brace), labels, Double.parseDouble(rest.split(" ")[0]));
        }
    }

}
