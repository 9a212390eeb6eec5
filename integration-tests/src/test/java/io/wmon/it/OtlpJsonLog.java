package io.wmon.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The exports that the OpenTelemetry Java agent's {@code logging-otlp} metric exporter writes to a JVM's
 * stderr: one log line per export, {@code … OtlpJsonLoggingMetricExporter - } followed by one OTLP/JSON
 * {@code ResourceMetrics} object. Reads the file as it grows, complete lines only, and keeps the metrics
 * of one instrumentation scope.
 */
final class OtlpJsonLog {

    /** What precedes the JSON on each export's line (the agent's own log format). */
    private static final String MARKER = "OtlpJsonLoggingMetricExporter - ";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(50);

    private final Path file;
    private final String scope;
    private final List<Export> exports = new ArrayList<>();
    private long offset;

    /** The exports in {@code file} of the metrics of instrumentation scope {@code scope}. */
    OtlpJsonLog(Path file, String scope) {
        this.file = file;
        this.scope = scope;
    }

    /** Every export read so far, oldest first. */
    synchronized List<Export> exports() {
        read();
        return List.copyOf(exports);
    }

    /** Waits for the first export after those already read that {@code wanted} accepts. */
    Export await(Predicate<Export> wanted, Duration timeout, String what) {
        int seen = exports().size();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Export> all = exports();
            for (int i = seen; i < all.size(); i++) {
                if (wanted.test(all.get(i))) {
                    return all.get(i);
                }
            }
            seen = all.size();
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no export " + what + " within " + timeout + " in " + file);
            }
            sleep();
        }
    }

    private void read() {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size <= offset) {
                return;
            }
            ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(size - offset));
            while (bytes.hasRemaining() && channel.read(bytes, offset + bytes.position()) >= 0) {
                // read to the size seen
            }
            String text = new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            if (end < 0) {
                return; // no complete line yet
            }
            String complete = text.substring(0, end + 1);
            offset += complete.getBytes(StandardCharsets.UTF_8).length;
            for (String line : complete.split("\n")) {
                int at = line.indexOf(MARKER);
                if (at >= 0) {
                    exports.add(Export.parse(JSON.readTree(line.substring(at + MARKER.length())), scope));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * One export: its metrics by name, and when the SDK collected them (epoch nanoseconds, the points'
     * {@code timeUnixNano}: taken before the agent's callbacks read the MBeans).
     */
    record Export(long collectedAtNanos, Map<String, Metric> metrics) {

        static Export parse(JsonNode resourceMetrics, String scope) {
            Map<String, Metric> metrics = new TreeMap<>();
            long collectedAt = Long.MAX_VALUE;
            for (JsonNode scopeMetrics : resourceMetrics.path("scopeMetrics")) {
                if (!scope.equals(scopeMetrics.path("scope").path("name").asText())) {
                    continue;
                }
                for (JsonNode metric : scopeMetrics.path("metrics")) {
                    Metric parsed = Metric.parse(metric);
                    if (metrics.put(parsed.name(), parsed) != null) {
                        throw new AssertionError("metric " + parsed.name() + " twice in one export: " + resourceMetrics);
                    }
                    for (Point point : parsed.points()) {
                        collectedAt = Math.min(collectedAt, point.timeUnixNano());
                    }
                }
            }
            return new Export(collectedAt, metrics);
        }

        Metric metric(String name) {
            return metrics.get(name);
        }
    }

    /**
     * One metric of an export.
     *
     * @param kind {@code sum} or {@code gauge}, the OTLP data field that holds the points
     * @param monotonic a sum's {@code isMonotonic} (absent, hence false, for an UpDownCounter's)
     */
    record Metric(String name, String kind, boolean monotonic, String unit, String description, List<Point> points) {

        static Metric parse(JsonNode metric) {
            String kind = metric.has("sum") ? "sum" : metric.has("gauge") ? "gauge" : metric.toString();
            JsonNode data = metric.path(kind);
            List<Point> points = new ArrayList<>();
            for (JsonNode point : data.path("dataPoints")) {
                points.add(Point.parse(point));
            }
            return new Metric(metric.path("name").asText(), kind, data.path("isMonotonic").asBoolean(false),
                    metric.path("unit").asText(""), metric.path("description").asText(""), points);
        }

        /** The value of the point with exactly these attributes, or null when there is none. */
        Double value(Map<String, String> attributes) {
            return points.stream().filter(p -> p.attributes().equals(attributes)).map(Point::value).findFirst()
                    .orElse(null);
        }
    }

    /** One data point: its attributes (string values, as every rule here makes them) and its value. */
    record Point(Map<String, String> attributes, double value, long timeUnixNano) {

        static Point parse(JsonNode point) {
            Map<String, String> attributes = new LinkedHashMap<>();
            for (JsonNode attribute : point.path("attributes")) {
                attributes.put(attribute.path("key").asText(), attribute.path("value").path("stringValue").asText());
            }
            // OTLP/JSON writes a 64-bit integer as a string, a double as a number.
            double value = point.has("asInt") ? Long.parseLong(point.get("asInt").asText())
                    : point.path("asDouble").asDouble(Double.NaN);
            return new Point(Map.copyOf(attributes), value, Long.parseLong(point.path("timeUnixNano").asText()));
        }
    }
}
