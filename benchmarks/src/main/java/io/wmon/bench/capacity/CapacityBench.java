package io.wmon.bench.capacity;

import io.wmon.bench.Args;
import io.wmon.bench.Table;
import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.redis.PoolSettings;
import io.wmon.core.redis.RedisEndpoint;
import io.wmon.core.redis.SharedPool;
import io.wmon.core.redis.SharedPoolRegistry;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;

/**
 * Heartbeats of {@code --workers} simulated agents at {@code --interval-ms} against one Redis for
 * {@code --seconds}, spread over {@code --generators} child JVMs of {@code --threads} senders each
 * ({@link Generators}), then full fleet reads: the beat rate achieved next to the target, late beats,
 * Redis's own CPU (INFO cpu, user + system) and the microseconds INFO commandstats charges, bytes
 * received per beat, memory per worker, and a fleet read's cost per worker. Then the memory of the
 * event stream at its cap and of idle named connections. The load average and the CPU other processes
 * used are recorded around every run. Prints Markdown tables on stdout, progress on stderr.
 *
 * <p>Usage: {@code java -cp cli/target/wmon.jar:benchmarks/target/wmon-benchmarks.jar
 * io.wmon.bench.capacity.CapacityBench [--redis redis://127.0.0.1:PORT] [--redis-cpus 0]
 * [--generator-cpus 1] [--workers 10000,50000,100000] [--seconds 60] [--interval-ms 5000] [--warmup-ms 11000]
 * [--generators 2] [--threads 8] [--generator-nice 0] [--generator-heap 2g] [--reads 3]
 * [--connections 2000]}. Without
 * {@code --redis} it starts a {@code redis-server} of its own on a free port (pinned to
 * {@code --redis-cpus} with {@code taskset}); a Redis it is given is flushed.
 */
public final class CapacityBench {

    static final String NS = "bench-capacity";

    private CapacityBench() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        int seconds = args.integer("seconds", 60);
        long interval = args.integer("interval-ms", 5_000);
        int reads = args.integer("reads", 3);
        long warmup = args.integer("warmup-ms", (int) (2 * interval + 1_000));
        int connections = args.integer("connections", 2_000);
        Generators.Launch launch = new Generators.Launch(args.integer("generators", 2), args.integer("threads", 8),
                args.get("generator-cpus", ""), args.integer("generator-nice", 0), args.get("generator-heap", "2g"));
        OwnRedis own = args.get("redis", null) == null
                ? OwnRedis.start(args.get("redis-cpus", ""), File.createTempFile("capacity-redis-", ".log")) : null;
        String url = own != null ? own.url() : args.get("redis");
        RedisEndpoint endpoint = RedisEndpoint.parse(url);
        Table.note("Redis %s%s; generators: %d JVMs × %d senders%s%s; %d s per run at a %d ms interval",
                url, own != null && !args.get("redis-cpus", "").isEmpty() ? " on CPU " + args.get("redis-cpus") : "",
                launch.processes(), launch.threads(),
                launch.cpus().isEmpty() ? "" : " on CPU " + launch.cpus(),
                launch.nice() == 0 ? "" : ", nice " + launch.nice(), seconds, interval);
        List<BeatRun> runs = new ArrayList<>();
        try (Jedis admin = new Jedis(endpoint.host(), endpoint.port());
                SharedPool readerPool = SharedPoolRegistry.jvm().acquire(endpoint, "wmon:cli:" + NS + ":bench",
                        PoolSettings.defaults().withMaxTotal(1))) {
            long redisPid = RedisCounters.processId(admin);
            for (String size : args.list("workers")) {
                BeatRun run = BeatRun.measure(admin, readerPool, url, redisPid, launch,
                        Integer.parseInt(size.trim()), warmup, seconds, interval, reads);
                Table.note("%s", run.beatRow());
                runs.add(run);
            }
            System.out.println(BeatRun.BEAT_HEADER);
            runs.forEach(r -> System.out.println(r.beatRow()));
            System.out.println();
            System.out.println(BeatRun.READ_HEADER);
            runs.forEach(r -> System.out.println(r.readRow()));
            System.out.println();
            System.out.println(FixedCosts.measure(admin, readerPool, FleetKeys.of(NS), connections));
        } finally {
            if (own != null) {
                own.close();
            }
        }
    }
}
