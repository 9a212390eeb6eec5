package io.wmon.cli.command.jmx;

import io.wmon.cli.text.SafeText;
import io.wmon.cli.text.Units;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The text output of {@code wmon jmx}: attributes grouped under their ObjectName, or the table of
 * local JVMs. Names, values and reasons are escaped ({@link SafeText}).
 *
 * <p>Attributes that hold an instant as epoch milliseconds are shown as a local date-time and an
 * age, e.g. {@code 2026-11-28 14:03:12 +01:00 (5m03s ago)}. They are told from durations by a name
 * rule that every wmon MBean follows: {@code …AtMillis} ({@code StartedAtMillis}) and
 * {@code Last…Millis} ({@code LastHeartbeatMillis}) are instants; any other {@code …Millis}
 * ({@code MeanBorrowWaitMillis}) is a duration and stays a number. {@code --json} keeps the numbers.
 */
final class JmxText {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    private JmxText() {
    }

    /**
     * <pre>
     * io.wmon:type=Worker
     *   HeartbeatCount     12
     *   LastHeartbeatMillis 2026-11-28 14:03:12 +01:00 (1.2s ago)
     *   State              idle
     * </pre>
     */
    static void writeReadings(PrintWriter out, List<MBeanReading> readings) {
        writeReadings(out, readings, Clock.systemDefaultZone());
    }

    /** As {@link #writeReadings(PrintWriter, List)}, with ages measured and instants shown in {@code clock}'s zone. */
    static void writeReadings(PrintWriter out, List<MBeanReading> readings, Clock clock) {
        int width = 0;
        for (MBeanReading reading : readings) {
            for (String name : reading.values().keySet()) {
                width = Math.max(width, name.length());
            }
            for (String name : reading.errors().keySet()) {
                width = Math.max(width, name.length());
            }
        }
        String row = "  %-" + width + "s  %s%n";
        for (MBeanReading reading : readings) {
            out.println(SafeText.escape(reading.objectName().toString()));
            for (Map.Entry<String, Object> attribute : reading.values().entrySet()) {
                out.printf(row, SafeText.escape(attribute.getKey()),
                        value(attribute.getKey(), attribute.getValue(), clock));
            }
            for (Map.Entry<String, String> error : reading.errors().entrySet()) {
                out.printf(row, SafeText.escape(error.getKey()),
                        "<unreadable: " + SafeText.escape(error.getValue(), OpenValueText.WIDTH) + ">");
            }
        }
        out.flush();
    }

    /** Whether the attribute {@code name} holds an instant in epoch ms, by the name rule of the class comment. */
    static boolean isInstant(String name) {
        return name.endsWith("AtMillis") || (name.startsWith("Last") && name.endsWith("Millis"));
    }

    private static String value(String name, Object value, Clock clock) {
        if (isInstant(name) && (value instanceof Long || value instanceof Integer)) {
            return instant(((Number) value).longValue(), clock);
        }
        return OpenValueText.render(value);
    }

    /** {@code 2026-11-28 14:03:12 +01:00 (5m03s ago)}; a negative value means "not yet". */
    static String instant(long epochMillis, Clock clock) {
        if (epochMillis < 0) {
            return "none yet (" + epochMillis + ")";
        }
        String local = LOCAL.format(Instant.ofEpochMilli(epochMillis).atZone(clock.getZone()));
        long age = clock.millis() - epochMillis;
        return local + (age >= 0 ? " (" + Units.age(age) + " ago)" : " (" + Units.age(-age) + " from now)");
    }

    /**
     * <pre>
     * PID    AGENT           MAIN
     * 4242   0.1.0-SNAPSHOT  io.wmon.example.ExampleWorker
     * 4343   -               org.example.Other
     * 4444   ?               org.example.Busy  (no answer over the Attach API within 8 s)
     * </pre>
     */
    static void writeJvms(PrintWriter out, List<LocalJvm> jvms) {
        int pidWidth = "PID".length();
        int agentWidth = "AGENT".length();
        for (LocalJvm jvm : jvms) {
            pidWidth = Math.max(pidWidth, Long.toString(jvm.pid()).length());
            agentWidth = Math.max(agentWidth, agentColumn(jvm).length());
        }
        String row = "%-" + pidWidth + "s  %-" + agentWidth + "s  %s%n";
        out.printf(row, "PID", "AGENT", "MAIN");
        for (LocalJvm jvm : jvms) {
            String main = jvm.main().isEmpty() ? "(unknown)" : SafeText.escape(jvm.main(), OpenValueText.WIDTH);
            out.printf(row, jvm.pid(), agentColumn(jvm), jvm.problem() == null ? main
                    : main + "  (" + SafeText.escape(jvm.problem(), OpenValueText.WIDTH) + ")");
        }
        out.flush();
    }

    private static String agentColumn(LocalJvm jvm) {
        Boolean agent = jvm.agent();
        return agent == null ? "?" : agent ? SafeText.escape(jvm.agentVersion(), 64) : "-";
    }
}
