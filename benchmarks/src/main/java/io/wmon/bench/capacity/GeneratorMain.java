package io.wmon.bench.capacity;

import io.wmon.bench.Args;
import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.redis.PoolSettings;
import io.wmon.core.redis.RedisEndpoint;
import io.wmon.core.redis.SharedPool;
import io.wmon.core.redis.SharedPoolRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * One generator process of {@link CapacityBench}: its share of the simulated agents, on its own pool,
 * as a separate JVM of agents would be. Driven over stdin and stdout, one line each way:
 * {@code count} answers {@code <beats> <late> <failed> <max lag ms> <process CPU ns>} (the lag the
 * largest since the previous {@code count}, the others totals); {@code stop},
 * or the end of stdin, stops the senders, closes the pool and exits.
 *
 * <p>Started by {@link Generators} with {@code --redis URL --namespace NS --first N --count N
 * --threads N --interval-ms N}; prints {@code started} once its senders run.
 */
public final class GeneratorMain {

    private GeneratorMain() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        RedisEndpoint endpoint = RedisEndpoint.parse(args.get("redis"));
        String namespace = args.get("namespace");
        int first = args.integer("first", 0);
        int count = args.integer("count", 1_000);
        int threads = args.integer("threads", 4);
        long interval = args.integer("interval-ms", 5_000);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (SharedPool pool = SharedPoolRegistry.jvm().acquire(endpoint,
                "wmon:agent:" + namespace + ":gen-" + first, PoolSettings.defaults().withMaxTotal(threads))) {
            SimulatedAgents agents = new SimulatedAgents(pool, FleetKeys.of(namespace), first, count, threads,
                    interval);
            agents.start();
            System.out.println("started");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null && !line.equals("stop"); line = in.readLine()) {
                if (line.equals("count")) {
                    System.out.println(agents.beats() + " " + agents.late() + " " + agents.failed() + " "
                            + agents.maxLagMillisSinceLastAsked() + " " + os.getProcessCpuTime());
                    System.out.flush();
                }
            }
            agents.stop();
        }
    }
}
