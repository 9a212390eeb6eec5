package io.wmon.bench.heartbeat;

import static io.wmon.bench.Stats.fmt;
import static io.wmon.bench.Stats.median;
import static io.wmon.bench.Stats.percentile;
import static io.wmon.bench.Stats.us;

import io.wmon.agent.metrics.AppPoolCensus;
import io.wmon.bench.Args;
import io.wmon.bench.Jdk;
import io.wmon.bench.Table;
import io.wmon.core.record.WorkerRecord;
import io.wmon.core.record.WorkerRecordCodec;
import io.wmon.core.redis.ConnectionNames;
import io.wmon.core.redis.PoolSettings;
import io.wmon.core.redis.PoolUsage;
import io.wmon.core.redis.RedisEndpoint;
import io.wmon.core.redis.SharedPool;
import io.wmon.core.redis.SharedPoolRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * CPU and wall time per heartbeat, on one thread, against a real Redis: {@code --beats} beats
 * (default 2,000) of {@link LoopBeat} per batch, after a warm-up, in {@code --batches} batches
 * (default 5); the thread's CPU time comes from {@link ThreadMXBean#getCurrentThreadCpuTime()}.
 * Then the CPU of each part of a beat, each part alone in a loop of the same length; and, with
 * {@code --paced N}, N more beats one second apart ({@code --pace-ms}), as the agent beats.
 *
 * <p>Run with the shaded agent jar on the class path, so that the measured code is the shipped
 * code: {@code java -cp wmon-benchmarks.jar:wmon-agent.jar io.wmon.bench.heartbeat.HeartbeatLoopBench
 * --redis redis://127.0.0.1:PORT}.
 */
public final class HeartbeatLoopBench {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private HeartbeatLoopBench() {
    }

    public static void main(String[] argv) {
        Args args = Args.parse(argv);
        int beats = args.integer("beats", 2_000);
        int batches = args.integer("batches", 5);
        int warmup = args.integer("warmup", 1_000);
        if (batches < 1) {
            throw new IllegalArgumentException("--batches must be at least 1");
        }
        String id = "bench-loop-" + ProcessHandle.current().pid();
        RedisEndpoint endpoint = RedisEndpoint.parse(args.get("redis"));
        try (SharedPool pool = SharedPoolRegistry.jvm().acquire(endpoint, ConnectionNames.agent("bench", id),
                PoolSettings.defaults())) {
            LoopBeat beat = new LoopBeat(pool, "bench", id);
            for (int i = 0; i < warmup; i++) {
                beat.run();
            }
            double[] cpu = new double[batches];
            double[] wallMean = new double[batches];
            long[] wall = new long[beats * batches];
            for (int b = 0; b < batches; b++) {
                long cpu0 = THREADS.getCurrentThreadCpuTime();
                long wall0 = System.nanoTime();
                for (int i = 0; i < beats; i++) {
                    long t = System.nanoTime();
                    beat.run();
                    wall[b * beats + i] = System.nanoTime() - t;
                }
                wallMean[b] = (double) (System.nanoTime() - wall0) / beats;
                cpu[b] = (double) (THREADS.getCurrentThreadCpuTime() - cpu0) / beats;
                Table.note("batch %d: CPU %s/beat, wall %s/beat", b + 1, us(cpu[b]), us(wallMean[b]));
            }
            Arrays.sort(wall);
            String jdk = Jdk.current().label();
            Table.row(fmt("CPU per heartbeat (loop, %,d beats × %d, median of batches)", beats, batches), jdk,
                    "—", us(median(cpu)), us(median(cpu)), "≤ 0.5 ms", Table.met(median(cpu) <= 500_000));
            Table.row("Wall time per heartbeat (same loop) p50 / p99", jdk, "—",
                    us(percentile(wall, 50)) + " / " + us(percentile(wall, 99)), us(median(wallMean)) + " mean", "—",
                    "—");
            parts(beat, beats);
            int paced = args.integer("paced", 0);
            if (paced > 0) {
                paced(beat, paced, args.integer("pace-ms", 1_000));
            }
        }
    }

    /**
     * {@code n} beats {@code paceMillis} apart, as the agent beats: the same code, now with cold
     * caches and a wake-up per beat. Notes the median CPU of one beat.
     */
    private static void paced(LoopBeat beat, int n, int paceMillis) {
        double[] cpu = new double[n];
        for (int i = 0; i < n; i++) {
            try {
                Thread.sleep(paceMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            beat.run();
            cpu[i] = THREADS.getCurrentThreadCpuTime() - cpu0;
        }
        Table.row(fmt("CPU per heartbeat (same loop, %d beats %d ms apart, median)", n, paceMillis),
                Jdk.current().label(), "—", us(median(cpu)), us(median(cpu)), "≤ 0.5 ms",
                Table.met(median(cpu) <= 500_000));
    }

    /** Notes the CPU of each part of a beat, measured alone. */
    private static void parts(LoopBeat beat, int n) {
        PoolUsage stats = beat.pool.usage();
        AppPoolCensus.AppPools apps = beat.census.count();
        WorkerRecord record = beat.assemble(System.currentTimeMillis(), stats, apps);
        Map<String, LongSupplier> parts = new LinkedHashMap<>();
        parts.put("SharedPool.usage()", () -> beat.pool.usage().active());
        parts.put("SocketCensus.take()", () -> beat.sockets.take().redisSockets());
        parts.put("AppPoolCensus.count()", () -> beat.census.count().pools());
        parts.put("JvmMetrics.heapUsedBytes()", beat.jvm::heapUsedBytes);
        parts.put("JvmMetrics.heapMaxBytes()", beat.jvm::heapMaxBytes);
        parts.put("JvmMetrics.threadCount()", beat.jvm::threadCount);
        parts.put("JvmMetrics.processCpuLoad()", () -> (long) beat.jvm.processCpuLoad());
        parts.put("assemble the record (all of the above + builder)",
                () -> beat.assemble(System.currentTimeMillis(), beat.pool.usage(), beat.census.count()).pid());
        parts.put("WorkerRecordCodec.encode()", () -> WorkerRecordCodec.encode(record).size());
        parts.put("whole beat", () -> {
            beat.run();
            return 0;
        });
        long sink = 0;
        for (Map.Entry<String, LongSupplier> part : parts.entrySet()) {
            for (int i = 0; i < n / 4; i++) {
                sink += part.getValue().getAsLong();
            }
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                sink += part.getValue().getAsLong();
            }
            double perCall = (double) (THREADS.getCurrentThreadCpuTime() - cpu0) / n;
            Table.note("%s part %-52s CPU %s per call", Jdk.current().label(), part.getKey(), us(perCall));
        }
        if (sink == 42) {
            System.err.println();
        }
    }
}
