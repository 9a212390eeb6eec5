package io.wmon.bench.capacity;

import io.wmon.bench.Args;
import io.wmon.bench.Stats;
import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.fleet.FleetReader;
import io.wmon.core.redis.PoolSettings;
import io.wmon.core.redis.RedisEndpoint;
import io.wmon.core.redis.SharedPool;
import io.wmon.core.redis.SharedPoolRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.Jedis;

/**
 * Heartbeats of {@code --workers} simulated agents at {@code --interval-ms} against one Redis for
 * {@code --seconds}, then {@code --reads} fleet reads: Redis's own CPU (INFO cpu, user + system),
 * the microseconds INFO commandstats charges the commands, bytes received and sent, and memory per
 * worker. Prints one Markdown row per fleet size.
 *
 * <p>Usage: {@code java -cp cli/target/wmon.jar:benchmarks/target/wmon-benchmarks.jar
 * io.wmon.bench.capacity.CapacityBench --redis redis://127.0.0.1:PORT [--workers 10000,50000,100000]
 * [--seconds 60] [--interval-ms 5000] [--threads 4] [--reads 5]}. It flushes the Redis it is given.
 */
public final class CapacityBench {

    private static final String NS = "bench-capacity";

    private CapacityBench() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        RedisEndpoint endpoint = RedisEndpoint.parse(args.get("redis"));
        int seconds = args.integer("seconds", 60);
        long interval = args.integer("interval-ms", 5_000);
        int threads = args.integer("threads", 4);
        int reads = args.integer("reads", 5);
        System.out.println("| workers | beats/s (target) | late beats | Redis CPU, % of a core | Redis CPU µs per beat "
                + "| commandstats µs per beat | bytes in per beat | memory per worker | fleet read: Redis µs per "
                + "worker | fleet read: bytes out per worker |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        try (Jedis admin = new Jedis(endpoint.host(), endpoint.port())) {
            for (String size : args.list("workers")) {
                int workers = Integer.parseInt(size.trim());
                admin.flushAll();
                admin.configResetStat();
                SharedPool pool = SharedPoolRegistry.jvm().acquire(endpoint, "wmon:agent:" + NS + ":sim",
                        PoolSettings.defaults().withMaxTotal(threads));
                try {
                    System.out.println(run(admin, pool, workers, seconds, interval, threads, reads));
                } finally {
                    pool.close();
                }
            }
        }
    }

    private static String run(Jedis admin, SharedPool pool, int workers, int seconds, long interval, int threads,
            int reads) throws InterruptedException {
        FleetKeys keys = FleetKeys.of(NS);
        SimulatedAgents agents = new SimulatedAgents(pool, keys, workers, threads, interval);
        agents.start();
        // One whole interval first, so that every worker has written its whole record once.
        Thread.sleep(interval + 1_000);
        Reading before = Reading.of(admin);
        long beatsBefore = agents.beats();
        long lateBefore = agents.late();
        Thread.sleep(seconds * 1_000L);
        Reading after = Reading.of(admin);
        long beats = agents.beats() - beatsBefore;
        long late = agents.late() - lateBefore;
        agents.stop();
        long memory = Reading.usedMemory(admin);

        FleetReader reader = new FleetReader(pool, keys, Clock.systemUTC());
        List<Double> readUsec = new ArrayList<>();
        List<Double> readBytes = new ArrayList<>();
        for (int r = 0; r < reads; r++) {
            Reading rb = Reading.of(admin);
            int read = reader.read().workerCount();
            Reading ra = Reading.of(admin);
            readUsec.add((double) (ra.commandUsec - rb.commandUsec) / read);
            readBytes.add((double) (ra.bytesOut - rb.bytesOut - rb.infoBytes) / read);
        }
        double elapsed = (after.nanos - before.nanos) / 1e9;
        double cpuSeconds = after.cpuSeconds - before.cpuSeconds;
        return Stats.fmt("| %,d | %,.0f (%,.0f) | %,d | %.1f %% | %.1f | %.1f | %.0f | %,.0f B | %.1f | %.0f |",
                workers, beats / elapsed, workers * 1000.0 / interval, late, 100 * cpuSeconds / elapsed,
                cpuSeconds * 1e6 / beats, (after.commandUsec - before.commandUsec) / (double) beats,
                (after.bytesIn - before.bytesIn) / (double) beats, (double) memory / workers,
                Stats.median(readUsec), Stats.median(readBytes));
    }

    /** Redis's counters at one moment. */
    private static final class Reading {
        private static final Pattern CPU = Pattern.compile("^used_cpu_(?:user|sys):([0-9.]+)", Pattern.MULTILINE);
        private static final Pattern USEC = Pattern.compile("^cmdstat_\\w+:calls=\\d+,usec=(\\d+)", Pattern.MULTILINE);

        long nanos;
        double cpuSeconds;
        long commandUsec;
        long bytesIn;
        long bytesOut;
        long infoBytes;

        static Reading of(Jedis admin) {
            Reading r = new Reading();
            String info = admin.info("everything");
            r.nanos = System.nanoTime();
            r.infoBytes = info.length() + 16;
            Matcher cpu = CPU.matcher(info);
            while (cpu.find()) {
                r.cpuSeconds += Double.parseDouble(cpu.group(1));
            }
            Matcher usec = USEC.matcher(info);
            while (usec.find()) {
                r.commandUsec += Long.parseLong(usec.group(1));
            }
            r.bytesIn = field(info, "total_net_input_bytes");
            r.bytesOut = field(info, "total_net_output_bytes");
            return r;
        }

        static long usedMemory(Jedis admin) {
            return field(admin.info("memory"), "used_memory");
        }

        private static long field(String info, String name) {
            Matcher m = Pattern.compile("^" + name + ":(\\d+)", Pattern.MULTILINE).matcher(info);
            return m.find() ? Long.parseLong(m.group(1)) : 0;
        }
    }
}
