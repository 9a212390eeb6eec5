package io.wmon.bench.heap;

import static io.wmon.bench.Stats.fmt;
import static io.wmon.bench.Stats.mb;
import static io.wmon.bench.Stats.median;

import io.wmon.bench.Args;
import io.wmon.bench.Jdk;
import io.wmon.bench.Table;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Heap retained by the agent: pairs of {@link io.wmon.bench.IdleWorker} JVMs, one without and one
 * with the agent ({@code interval=1s}, Redis up), started together and left to run
 * {@code --settle} seconds (default 10); then three {@code jcmd GC.run} each, {@code GC.heap_info}
 * (used heap) and {@code GC.class_histogram} (live bytes, wmon's own among them). Reports the
 * medians over {@code --pairs} pairs (default 5) and, from the last pair, the classes that grew most.
 *
 * <pre>java -cp wmon-benchmarks.jar io.wmon.bench.heap.HeapBench --jdks JDK[,JDK] --agent wmon-agent.jar
 *     --bench wmon-benchmarks.jar --redis-port P [--pairs 5] [--settle 10]</pre>
 */
public final class HeapBench {

    private static final double TARGET_BYTES = 4e6;

    private HeapBench() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        String agent = Path.of(args.get("agent")).toAbsolutePath().toString();
        String bench = Path.of(args.get("bench")).toAbsolutePath().toString();
        String options = "redis=redis://127.0.0.1:" + args.get("redis-port") + ",namespace=bench,interval=1s";
        int pairs = args.integer("pairs", 5);
        int settle = args.integer("settle", 10);
        for (String home : args.list("jdks")) {
            Jdk jdk = Jdk.at(home);
            List<Sample> without = new ArrayList<>();
            List<Sample> with = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                Process plain = start(List.of(jdk.java(), "-cp", bench, "io.wmon.bench.IdleWorker"));
                Process agented = start(List.of(jdk.java(), "-javaagent:" + agent + "=" + options, "-cp", bench,
                        "io.wmon.bench.IdleWorker"));
                try {
                    long plainPid = pid(plain);
                    long agentPid = pid(agented);
                    Thread.sleep(settle * 1_000L);
                    without.add(Sample.of(new Jcmd(jdk, plainPid)));
                    with.add(Sample.of(new Jcmd(jdk, agentPid)));
                    Sample a = without.get(i);
                    Sample b = with.get(i);
                    Table.note("%s pair %d: used %s vs %s, live %s vs %s, io.wmon.* %s, metaspace %s vs %s,"
                            + " classes %d vs %d", jdk.label(), i + 1, mb(a.used), mb(b.used), mb(a.live), mb(b.live),
                            mb(b.wmon), mb(a.metaspace), mb(b.metaspace), a.classes, b.classes);
                } finally {
                    stop(plain);
                    stop(agented);
                }
            }
            report(jdk, without, with);
        }
    }

    private static void report(Jdk jdk, List<Sample> without, List<Sample> with) {
        row("Heap used after full GC (jcmd GC.heap_info)", jdk, without, with, s -> s.used);
        row("Live heap (jcmd GC.class_histogram total)", jdk, without, with, s -> s.live);
        Table.note("%s off-heap beside it: metaspace %s vs %s; classes loaded %.0f vs %.0f (medians)", jdk.label(),
                mb(median(values(without, s -> s.metaspace))), mb(median(values(with, s -> s.metaspace))),
                median(values(without, s -> s.classes)), median(values(with, s -> s.classes)));
        Sample last = with.get(with.size() - 1);
        Table.note("%s io.wmon.* live bytes: median %s (relocated io.wmon.shaded.*: %s); JMX/management classes: %s",
                jdk.label(), mb(median(values(with, s -> s.wmon))), mb(median(values(with, s -> s.shaded))),
                mb(median(values(with, s -> s.jmx))));
        Map<String, Long> growth = new HashMap<>(last.histogram);
        without.get(without.size() - 1).histogram.forEach((cls, bytes) -> growth.merge(cls, -bytes, Long::sum));
        growth.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(e -> Table.note("%s   grew most: %-60s %+,d bytes", jdk.label(), e.getKey(), e.getValue()));
    }

    private static void row(String figure, Jdk jdk, List<Sample> without, List<Sample> with,
            java.util.function.ToLongFunction<Sample> value) {
        double[] paired = new double[with.size()];
        for (int i = 0; i < paired.length; i++) {
            paired[i] = value.applyAsLong(with.get(i)) - value.applyAsLong(without.get(i));
        }
        double added = median(paired);
        double base = median(values(without, value));
        double agent = median(values(with, value));
        Table.row(figure, jdk.label(), mb(base), mb(agent), fmt("+%s (×%.2f)", mb(added), agent / base), "≤ 4 MB",
                Table.met(added <= TARGET_BYTES));
    }

    private static double[] values(List<Sample> samples, java.util.function.ToLongFunction<Sample> value) {
        return samples.stream().mapToDouble(s -> value.applyAsLong(s)).toArray();
    }

    private static Process start(List<String> command) throws IOException {
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static long pid(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null) {
            throw new IllegalStateException("worker died before printing its pid");
        }
        return Long.parseLong(line.trim());
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** What one worker holds after full GCs. */
    private record Sample(long used, long metaspace, long classes, long live, long wmon, long shaded, long jmx,
            Map<String, Long> histogram) {

        static Sample of(Jcmd jcmd) throws IOException, InterruptedException {
            for (int i = 0; i < 3; i++) {
                jcmd.fullGc();
            }
            long used = jcmd.usedHeap();
            Map<String, Long> counters = jcmd.counters();
            long classes = counters.getOrDefault("java.cls.loadedClasses", 0L)
                    + counters.getOrDefault("java.cls.sharedLoadedClasses", 0L)
                    - counters.getOrDefault("java.cls.unloadedClasses", 0L)
                    - counters.getOrDefault("java.cls.sharedUnloadedClasses", 0L);
            Map<String, Long> h = jcmd.histogram();
            return new Sample(used, counters.getOrDefault("sun.gc.metaspace.used", -1L), classes, sum(h, c -> true), sum(h, c -> c.startsWith("io.wmon.")),
                    sum(h, c -> c.startsWith("io.wmon.shaded.")),
                    sum(h, c -> c.startsWith("javax.management.") || c.startsWith("com.sun.jmx.")
                            || c.startsWith("sun.management.") || c.startsWith("com.sun.management.")), h);
        }

        private static long sum(Map<String, Long> histogram, Predicate<String> classes) {
            return histogram.entrySet().stream().filter(e -> classes.test(e.getKey())).mapToLong(Map.Entry::getValue)
                    .sum();
        }
    }
}
