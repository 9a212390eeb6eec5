package io.wmon.bench.capacity;

import io.wmon.bench.Stats;
import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.fleet.FleetReader;
import io.wmon.core.fleet.FleetSnapshot;
import io.wmon.core.redis.SharedPool;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;

/**
 * One fleet size, measured: a window of {@code seconds} of heartbeats from the generators (after a
 * warm-up of at least one interval, so that every worker has written its whole record once and beats
 * with changes, and once the generators are on schedule), then full fleet reads while the records
 * are still alive. What the window cost Redis, per beat, and what a read cost it, per worker.
 */
final class BeatRun {

    static final String BEAT_HEADER = "| workers | beats/s achieved (target) | late beats (> 1 s) | max lag | "
            + "Redis CPU, % of a core | Redis CPU µs per beat | commandstats µs per beat | bytes in per beat | "
            + "generator CPU µs per beat | load before → after | other processes' CPU, % of a core |\n"
            + "|---|---|---|---|---|---|---|---|---|---|---|";
    static final String READ_HEADER = "| workers | memory per worker | fleet reads (alive / read) | "
            + "fleet read: Redis CPU µs per worker | fleet read: commandstats µs per worker | "
            + "fleet read: bytes out per worker | fleet read: reader's wall time |\n"
            + "|---|---|---|---|---|---|---|";

    /** The longest the window waits for the generators to catch up after the warm-up, ms. */
    private static final long MAX_CATCH_UP_MILLIS = 120_000;

    /** Reads stop this long after the beats did, ms: the first records expire 10 s after it (TTL 15 s). */
    private static final long READ_WINDOW_MILLIS = 7_000;

    private int workers;
    private long intervalMillis;
    private Generators.Counts beats;
    private RedisCounters before;
    private RedisCounters after;
    private long memoryPerWorker;
    private double loadBefore;
    private double loadAfter;
    private double othersPercent;
    private final List<FleetSnapshot> snapshots = new ArrayList<>();
    private final List<Double> readCpuMicros = new ArrayList<>();
    private final List<Double> readCommandMicros = new ArrayList<>();
    private final List<Double> readBytesOut = new ArrayList<>();
    private final List<Double> readWallMillis = new ArrayList<>();

    private BeatRun() {
    }

    static BeatRun measure(Jedis admin, SharedPool readerPool, String url, long redisPid, Generators.Launch launch,
            int workers, long warmupMillis, int seconds, long intervalMillis, int reads)
            throws IOException, InterruptedException {
        BeatRun run = new BeatRun();
        run.workers = workers;
        run.intervalMillis = intervalMillis;
        admin.flushAll();
        admin.configResetStat();
        long emptyMemory = RedisCounters.of(admin).usedMemoryBytes();
        List<Long> pids = new ArrayList<>(List.of(ProcessHandle.current().pid(), redisPid));
        run.loadBefore = MachineLoad.now(pids).loadAverage();
        try (Generators generators = new Generators(launch, url, CapacityBench.NS, workers, intervalMillis)) {
            pids.addAll(generators.pids());
            // Every worker's first beat writes its whole record, the later ones the changes; the window
            // opens once the generators have caught up on their start (their JIT compiling the beat):
            // no beat in the last interval started more than LATE_MILLIS after it was due.
            Thread.sleep(warmupMillis);
            long warmupEnd = System.currentTimeMillis() + MAX_CATCH_UP_MILLIS;
            generators.count();
            do {
                Thread.sleep(intervalMillis);
            } while (generators.count().maxLagMillis() > SimulatedAgents.LATE_MILLIS
                    && System.currentTimeMillis() < warmupEnd);
            Generators.Counts first = generators.count();
            MachineLoad machineFirst = MachineLoad.now(pids);
            run.before = RedisCounters.of(admin);
            Thread.sleep(seconds * 1_000L);
            run.after = RedisCounters.of(admin);
            MachineLoad machineLast = MachineLoad.now(pids);
            run.beats = generators.count().minus(first);
            run.othersPercent = machineLast.othersPercentSince(machineFirst, run.after.secondsSince(run.before));
            run.memoryPerWorker = (run.after.usedMemoryBytes() - emptyMemory) / workers;
        }
        run.read(admin, readerPool, reads);
        run.loadAfter = MachineLoad.now(List.of()).loadAverage();
        return run;
    }

    private void read(Jedis admin, SharedPool pool, int reads) {
        FleetReader reader = new FleetReader(pool, FleetKeys.of(CapacityBench.NS), Clock.systemUTC());
        long deadline = System.currentTimeMillis() + READ_WINDOW_MILLIS;
        for (int r = 0; r < reads && (r == 0 || System.currentTimeMillis() < deadline); r++) {
            RedisCounters rb = RedisCounters.of(admin);
            long start = System.nanoTime();
            FleetSnapshot snapshot = reader.read();
            long wall = System.nanoTime() - start;
            RedisCounters ra = RedisCounters.of(admin);
            int n = snapshot.workerCount();
            snapshots.add(snapshot);
            readCpuMicros.add((ra.cpuSeconds() - rb.cpuSeconds()) * 1e6 / n);
            readCommandMicros.add((double) (ra.readCommandMicros() - rb.readCommandMicros()) / n);
            readBytesOut.add((double) (ra.bytesOut() - rb.bytesOut() - rb.infoReplyBytes()) / n);
            readWallMillis.add(wall / 1e6);
        }
    }

    String beatRow() {
        double seconds = after.secondsSince(before);
        double cpuSeconds = after.cpuSeconds() - before.cpuSeconds();
        return Stats.fmt("| %,d | %,.0f (%,.0f) | %,d | %,d ms | %.1f %% | %.1f | %.1f | %.0f | %.1f | %.2f → %.2f "
                + "| %.0f %% |",
                workers, beats.beats() / seconds, workers * 1000.0 / intervalMillis, beats.late(),
                beats.maxLagMillis(), 100 * cpuSeconds / seconds, cpuSeconds * 1e6 / beats.beats(),
                (after.commandMicros() - before.commandMicros()) / (double) beats.beats(),
                (after.bytesIn() - before.bytesIn()) / (double) beats.beats(),
                beats.cpuNanos() / 1e3 / beats.beats(), loadBefore, loadAfter, othersPercent)
                + (beats.failed() == 0 ? "" : Stats.fmt(" %,d beats failed", beats.failed()));
    }

    String readRow() {
        String alive = String.join(", ", snapshots.stream()
                .map(s -> Stats.fmt("%,d / %,d", s.aliveCount(), s.workerCount())).toList());
        return Stats.fmt("| %,d | %,d B | %s | %.1f | %.1f | %.0f | %s |", workers, memoryPerWorker, alive,
                Stats.median(readCpuMicros), Stats.median(readCommandMicros), Stats.median(readBytesOut),
                String.join(", ", readWallMillis.stream().map(ms -> Stats.fmt("%.0f ms", ms)).toList()));
    }
}
