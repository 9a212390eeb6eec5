package io.wmon.cli.command.jmx;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * The text output of {@code wmon jmx}: attributes grouped under their ObjectName, or the table of
 * local JVMs.
 */
final class JmxText {

    private JmxText() {
    }

    /**
     * <pre>
     * io.wmon:type=Worker
     *   HeartbeatCount  12
     *   State           idle
     * </pre>
     */
    static void writeReadings(PrintWriter out, List<MBeanReading> readings) {
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
            out.println(reading.objectName());
            for (Map.Entry<String, Object> attribute : reading.values().entrySet()) {
                out.printf(row, attribute.getKey(), OpenValueText.render(attribute.getValue()));
            }
            for (Map.Entry<String, String> error : reading.errors().entrySet()) {
                out.printf(row, error.getKey(), "<unreadable: " + error.getValue() + ">");
            }
        }
        out.flush();
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
            String main = jvm.main().isEmpty() ? "(unknown)" : jvm.main();
            out.printf(row, jvm.pid(), agentColumn(jvm), jvm.problem() == null ? main
                    : main + "  (" + jvm.problem() + ")");
        }
        out.flush();
    }

    private static String agentColumn(LocalJvm jvm) {
        Boolean agent = jvm.agent();
        return agent == null ? "?" : agent ? jvm.agentVersion() : "-";
    }
}
