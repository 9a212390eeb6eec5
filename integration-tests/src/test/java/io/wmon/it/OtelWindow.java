package io.wmon.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.wmon.it.OtelSeries.Instrument;
import io.wmon.it.OtlpJsonLog.Export;
import io.wmon.it.OtlpJsonLog.Metric;
import io.wmon.it.OtlpJsonLog.Point;
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
import java.util.stream.Collectors;
import javax.management.Attribute;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

/**
 * One export collected between two equal JMX readings of every series' attribute, so that each exported
 * value must equal the attribute (JMX Insight reads each attribute with its own {@code getAttribute} while
 * the SDK collects; the readings bracket that collection), and the checks every OpenTelemetry IT makes
 * of it.
 *
 * <p>A heartbeat, and with {@code fleet=true} a fleet read, changes the pool's counters once per beat
 * interval; with beats {@value #BEAT_INTERVAL} apart and an export every 0.25 s most windows see
 * neither. (At 1 s beats, a fleet read as well and 0.5 s exports, a cluster run found no clean window in 20.)
 */
record OtelWindow(Map<OtelSeries, Object> jmx, Export export) {

    /** Until an export holds every rule's metric: JMX Insight looks for beans 1 s after start, then at growing intervals. */
    static final Duration FIRST_EXPORT_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(10);
    /** The wmon agent's heartbeat interval in these tests. */
    static final String BEAT_INTERVAL = "2s";
    /** Exports tried until one falls between two equal JMX readings. */
    private static final int ATTEMPTS = 30;

    /** The names of the series' metrics. */
    static Set<String> names(List<OtelSeries> all) {
        return all.stream().map(OtelSeries::metric).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Waits for an export that holds a point of every series (but those a negative value may leave out),
     * then reads the attributes, waits for the next export the SDK collected after that reading, reads
     * them again, and keeps the first export whose two readings agree. Every export seen on the way has
     * its counters between its readings.
     */
    static OtelWindow find(MBeanServerConnection jmx, OtlpJsonLog log, List<OtelSeries> all) throws Exception {
        // Beans registered after JMX Insight's last search for them (node beans, at the beat after their
        // node appears) have no points until its next one, although their metrics' names are there.
        log.await(export -> all.stream().allMatch(s -> s.dropNegative() || hasPoint(export, s)), FIRST_EXPORT_TIMEOUT,
                "with a point of every series");
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Map<OtelSeries, Object> before = read(jmx, all);
            long readAt = epochNanos();
            Export export = log.await(e -> e.collectedAtNanos() > readAt, EXPORT_TIMEOUT, "collected after a reading");
            Map<OtelSeries, Object> after = read(jmx, all);
            assertCountersBetween(all, before, export, after);
            if (before.equals(after)) {
                return new OtelWindow(before, export);
            }
        }
        throw new AssertionError("no export between two equal JMX readings in " + ATTEMPTS + " attempts");
    }

    /**
     * The export holds exactly the metrics of {@code all}; each has the OTLP shape of its rule (a counter
     * is a monotonic sum, an UpDownCounter and a state metric a non-monotonic sum, a gauge a gauge), its
     * unit, and exactly the expected points, each equal to its attribute read around the export, times
     * the rule's factor (a negative value of a dropNegativeValues rule has no point).
     */
    void assertMatches(List<OtelSeries> all) {
        Set<String> names = names(all);
        assertThat(export.metrics().keySet()).as("the metrics of scope %s", OtelWorker.SCOPE).isEqualTo(names);
        for (String name : names) {
            List<OtelSeries> series = all.stream().filter(s -> s.metric().equals(name)).toList();
            Metric metric = export.metric(name);
            OtelSeries first = series.get(0);
            assertThat(metric.kind()).as("OTLP data of %s", name)
                    .isEqualTo(first.instrument() == Instrument.GAUGE ? "gauge" : "sum");
            assertThat(metric.monotonic()).as("isMonotonic of %s", name)
                    .isEqualTo(first.instrument() == Instrument.COUNTER);
            assertThat(metric.unit()).as("unit of %s", name).isEqualTo(first.unit());
            assertThat(metric.description()).as("description of %s", name).isNotBlank();
            List<Map<String, String>> expected = new ArrayList<>();
            for (OtelSeries s : series) {
                if (expected(s, all) != null) {
                    expected.add(s.attributes());
                }
            }
            assertThat(metric.points()).extracting(Point::attributes).as("points of %s", name)
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
        for (OtelSeries series : all) {
            Double expected = expected(series, all);
            if (expected != null) {
                assertThat(export.metric(series.metric()).value(series.attributes()))
                        .as("%s%s = %s.%s × %s", series.metric(), series.attributes(), series.bean(),
                                series.attribute(), series.factor())
                        .isCloseTo(expected, within(Math.abs(expected) * 1e-12));
            }
        }
    }

    /** The value {@code series} must have in this export, null where it has no point. */
    Double expected(OtelSeries series, List<OtelSeries> all) {
        return series.expected(jmx.get(series), all.stream().filter(series::sameStateMetric).toList());
    }

    private static boolean hasPoint(Export export, OtelSeries series) {
        Metric metric = export.metric(series.metric());
        return metric != null && metric.value(series.attributes()) != null;
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

    private static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
