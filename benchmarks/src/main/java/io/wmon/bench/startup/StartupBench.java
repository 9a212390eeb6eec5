package io.wmon.bench.startup;

import static io.wmon.bench.Stats.fmt;
import static io.wmon.bench.Stats.median;
import static io.wmon.bench.Stats.ms;

import io.wmon.bench.Args;
import io.wmon.bench.Jdk;
import io.wmon.bench.Table;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Start-up time the agent adds: child JVMs running {@link io.wmon.bench.Marker}, without the agent,
 * with a no-op {@code -javaagent} (the price of any agent), with the agent and Redis up, with the
 * agent and Redis down. The variants are interleaved round by round, each round in a rotated
 * order, so that drift of a noisy machine hits every variant alike. Reports medians of spawn to
 * main and of spawn to exit (the latter includes the agent's shutdown hook), then the premain
 * phases measured by {@link PhaseProbe} and the classes each variant loads.
 *
 * <pre>java -cp wmon-benchmarks.jar io.wmon.bench.startup.StartupBench --jdks JDK[,JDK]
 *     --agent wmon-agent.jar --bench wmon-benchmarks.jar --redis-port P --down-port Q [--runs 21] [--probes 11]</pre>
 */
public final class StartupBench {

    private static final double TARGET_NANOS = 150e6;

    private record Variant(String name, List<String> jvmArgs) {
    }

    private StartupBench() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        String agent = Path.of(args.get("agent")).toAbsolutePath().toString();
        String bench = Path.of(args.get("bench")).toAbsolutePath().toString();
        String up = "redis=redis://127.0.0.1:" + args.get("redis-port") + ",namespace=bench";
        String down = "redis=redis://127.0.0.1:" + args.get("down-port") + ",namespace=bench";
        int runs = args.integer("runs", 21);
        int probes = args.integer("probes", 11);
        File stderr = File.createTempFile("wmon-startup-", ".log");
        Table.note("child stderr goes to %s", stderr);
        List<Variant> variants = List.of(
                new Variant("none", List.of()),
                new Variant("no-op agent", List.of("-javaagent:" + bench + "=noop")),
                new Variant("Redis up", List.of("-javaagent:" + agent + "=" + up)),
                new Variant("Redis down", List.of("-javaagent:" + agent + "=" + down)));
        for (String home : args.list("jdks")) {
            Jdk jdk = Jdk.at(home);
            measure(jdk, variants, bench, runs, stderr);
            classCounts(jdk, variants, bench, stderr);
            settledExit(jdk, variants, bench, Math.max(3, runs / 3), stderr);
            phases(jdk, agent, bench, up, probes, stderr);
        }
    }

    private static void measure(Jdk jdk, List<Variant> variants, String bench, int runs, File stderr)
            throws IOException, InterruptedException {
        int n = variants.size();
        double[][] toMain = new double[n][runs];
        double[][] toExit = new double[n][runs];
        for (int round = -2; round < runs; round++) { // two warm-up rounds fill the file cache
            for (int k = 0; k < n; k++) {
                int v = Math.floorMod(round + k, n);
                Spawn spawn = Spawn.run(command(jdk, variants.get(v), bench, "io.wmon.bench.Marker"), stderr);
                if (round >= 0) {
                    toMain[v][round] = spawn.toMainNanos();
                    toExit[v][round] = spawn.toExitNanos();
                }
            }
        }
        for (int v = 0; v < n; v++) {
            Table.note("%s %-11s to main: median %s (p25 %s, p75 %s); to exit: median %s", jdk.label(),
                    variants.get(v).name(), ms(median(toMain[v])), ms(quartile(toMain[v], 1)),
                    ms(quartile(toMain[v], 3)), ms(median(toExit[v])));
        }
        for (int v = 1; v < n; v++) {
            String name = variants.get(v).name();
            boolean real = !name.startsWith("no-op");
            row("Start-up to main, " + (real ? "agent, " : "") + name, jdk, toMain[0], toMain[v], real);
            row("Whole process (exits at once), " + (real ? "agent, " : "") + name, jdk, toExit[0], toExit[v], real);
        }
    }

    private static void row(String figure, Jdk jdk, double[] without, double[] with, boolean judged) {
        double[] paired = new double[without.length];
        for (int i = 0; i < paired.length; i++) {
            paired[i] = with[i] - without[i];
        }
        double added = median(paired);
        Table.row(figure, jdk.label(), ms(median(without)), ms(median(with)),
                fmt("+%s (×%.2f)", ms(added), median(with) / median(without)),
                judged ? "≤ 150 ms" : "—", judged ? Table.met(added <= TARGET_NANOS) : "—");
    }

    private static double quartile(double[] values, int q) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v[Math.min(v.length - 1, v.length * q / 4)];
    }

    /**
     * Exit time of a JVM whose agent had three seconds to finish starting ({@code Marker 3000}):
     * tells the shutdown hook's own cost from its wait for an unfinished start.
     */
    private static void settledExit(Jdk jdk, List<Variant> variants, String bench, int runs, File stderr)
            throws IOException, InterruptedException {
        for (Variant variant : variants) {
            double[] exit = new double[runs];
            for (int i = 0; i < runs; i++) {
                List<String> command = command(jdk, variant, bench, "io.wmon.bench.Marker");
                command.add("3000");
                exit[i] = Spawn.run(command, stderr).lastLineToExitNanos();
            }
            Table.note("%s %-11s exit 3 s after main (agent started): median %s from the last line to exit (of %d)",
                    jdk.label(), variant.name(), ms(median(exit)), runs);
        }
    }

    /** One run per variant with {@code -Xlog:class+load}: classes loaded in all, and wmon's own. */
    private static void classCounts(Jdk jdk, List<Variant> variants, String bench, File stderr)
            throws IOException, InterruptedException {
        for (Variant variant : variants) {
            Path log = Files.createTempFile("wmon-classes-", ".log");
            List<String> command = command(jdk, variant, bench, "io.wmon.bench.Marker");
            command.add(1, "-Xlog:class+load=info:file=" + log);
            Spawn.run(command, stderr);
            List<String> lines = Files.readAllLines(log);
            long wmon = lines.stream().filter(l -> l.contains(" io.wmon.") && !l.contains("io.wmon.bench.")).count();
            long jul = lines.stream().filter(l -> l.contains(" java.util.logging.")).count();
            long jmx = lines.stream().filter(l -> l.contains(" javax.management.") || l.contains(" com.sun.jmx.")
                    || l.contains(" sun.management.")).count();
            long spun = lines.stream().filter(l -> l.contains("LambdaForm$") || l.contains("$$Lambda")
                    || l.contains("$Species_")).count();
            long shared = lines.stream().filter(l -> l.contains("source: shared objects file")).count();
            Table.note("%s %-11s classes loaded by exit: %d (io.wmon.*: %d, java.util.logging: %d, JMX/management: %d,"
                    + " lambda/method-handle classes: %d; from the CDS archive: %d)",
                    jdk.label(), variant.name(), lines.size(), wmon, jul, jmx, spun, shared);
            Files.delete(log);
        }
    }

    /** Runs {@link PhaseProbe} {@code probes} times and notes the median of each premain phase. */
    private static void phases(Jdk jdk, String agent, String bench, String options, int probes, File stderr)
            throws IOException, InterruptedException {
        Map<String, List<Double>> phases = new LinkedHashMap<>();
        Variant probe = new Variant("probe", List.of("-javaagent:" + bench + "=" + options));
        for (int i = -1; i < probes; i++) {
            List<String> command = command(jdk, probe, bench + File.pathSeparator + agent,
                    "io.wmon.bench.startup.ProbeMain");
            Spawn spawn = Spawn.run(command, stderr);
            for (String line : spawn.lines()) {
                if (i >= 0 && line.startsWith("PHASE ")) {
                    String[] kv = line.substring(6).split("=", 2);
                    phases.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(Double.parseDouble(kv[1]));
                }
            }
        }
        phases.forEach((name, values) -> Table.note("%s premain phase %-55s median %s (of %d)", jdk.label(), name,
                fmt("%.2f ms", median(values) / 1e6), values.size()));
    }

    private static List<String> command(Jdk jdk, Variant variant, String classPath, String main) {
        List<String> command = new ArrayList<>();
        command.add(jdk.java());
        command.addAll(variant.jvmArgs());
        command.add("-cp");
        command.add(classPath);
        command.add(main);
        return command;
    }
}
