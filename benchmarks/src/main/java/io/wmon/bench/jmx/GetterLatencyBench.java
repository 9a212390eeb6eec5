package io.wmon.bench.jmx;

import static io.wmon.bench.Stats.fmt;
import static io.wmon.bench.Stats.median;
import static io.wmon.bench.Stats.percentile;
import static io.wmon.bench.Stats.us;

import io.wmon.bench.AgentMBeans;
import io.wmon.bench.Args;
import io.wmon.bench.Jdk;
import io.wmon.bench.Table;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * In-process latency of {@code MBeanServer.getAttribute} on every attribute of
 * {@code io.wmon:type=Worker} and {@code io.wmon:type=RedisPool,*}, taken in turn: {@code --reads}
 * timed calls (default 200,000) per round after {@code --warmup} untimed ones, in {@code --rounds}
 * rounds (default 5); reports the median over rounds of p50, p99, p99.9 and the largest max, all
 * attributes together and per MBean. A JDK bean ({@code java.lang:type=ClassLoading}) is timed
 * the same way as a yardstick.
 *
 * <pre>java -javaagent:wmon-agent.jar=redis=redis://127.0.0.1:PORT -cp wmon-benchmarks.jar
 *     io.wmon.bench.jmx.GetterLatencyBench</pre>
 */
public final class GetterLatencyBench {

    private static final double[] PERCENTILES = {50, 99, 99.9};

    private record Read(ObjectName name, String attribute) {
    }

    private GetterLatencyBench() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        int reads = args.integer("reads", 200_000);
        int warmup = args.integer("warmup", 100_000);
        int rounds = args.integer("rounds", 5);
        AgentMBeans beans = AgentMBeans.await(1, 30_000);
        MBeanServer server = beans.server();
        List<Read> worker = attributes(server, AgentMBeans.WORKER);
        List<Read> pool = attributes(server, beans.pool());
        List<Read> all = new ArrayList<>(worker);
        all.addAll(pool);
        List<Read> jdk = attributes(server, new ObjectName("java.lang:type=ClassLoading"));
        Table.note("%d Worker and %d RedisPool attributes, %s", worker.size(), pool.size(), beans.pool());
        String label = Jdk.current().label();
        double[][] allStats = measure(server, all, reads, warmup, rounds, "all");
        Table.row("JMX getter, every Worker + RedisPool attribute: p50 / p99 / p99.9 (max)", label, "—",
                cell(allStats), fmt("%,d reads × %d rounds", reads, rounds), "p99 ≤ 20 µs",
                Table.met(allStats[1][0] <= 20_000));
        for (Object[] bean : new Object[][] {{"Worker", worker}, {"RedisPool", pool}, {"JDK ClassLoading", jdk}}) {
            @SuppressWarnings("unchecked")
            List<Read> subset = (List<Read>) bean[1];
            double[][] s = measure(server, subset, reads, warmup / 2, rounds, (String) bean[0]);
            Table.note("%s %-16s p50 %s, p99 %s, p99.9 %s, max %s", label, bean[0], us(s[0][0]), us(s[1][0]),
                    us(s[2][0]), us(s[3][0]));
        }
    }

    /** Medians over rounds of p50, p99, p99.9 and the largest max, each as a one-element row. */
    private static double[][] measure(MBeanServer server, List<Read> attrs, int reads, int warmup, int rounds,
            String what) throws JMException {
        Read[] cycle = attrs.toArray(new Read[0]);
        long sink = 0;
        for (int i = 0; i < warmup; i++) {
            sink += server.getAttribute(cycle[i % cycle.length].name, cycle[i % cycle.length].attribute).hashCode();
        }
        double[][] perRound = new double[PERCENTILES.length][rounds];
        long max = 0;
        long[] nanos = new long[reads];
        for (int r = 0; r < rounds; r++) {
            long gc0 = gcCount();
            for (int i = 0; i < reads; i++) {
                Read read = cycle[i % cycle.length];
                long t = System.nanoTime();
                Object value = server.getAttribute(read.name, read.attribute);
                nanos[i] = System.nanoTime() - t;
                sink += value.hashCode();
            }
            Arrays.sort(nanos);
            for (int p = 0; p < PERCENTILES.length; p++) {
                perRound[p][r] = percentile(nanos, PERCENTILES[p]);
            }
            max = Math.max(max, nanos[reads - 1]);
            Table.note("%-16s round %d: p50 %s, p99 %s, p99.9 %s, max %s, %d GCs", what, r + 1,
                    us(perRound[0][r]), us(perRound[1][r]), us(perRound[2][r]), us(nanos[reads - 1]),
                    gcCount() - gc0);
        }
        if (sink == 42) {
            System.err.println();
        }
        return new double[][] {{median(perRound[0])}, {median(perRound[1])}, {median(perRound[2])}, {max}};
    }

    private static String cell(double[][] s) {
        return us(s[0][0]) + " / " + us(s[1][0]) + " / " + us(s[2][0]) + " (" + us(s[3][0]) + ")";
    }

    private static List<Read> attributes(MBeanServer server, ObjectName name) throws JMException {
        List<Read> reads = new ArrayList<>();
        for (MBeanAttributeInfo info : server.getMBeanInfo(name).getAttributes()) {
            if (info.isReadable()) {
                reads.add(new Read(name, info.getName()));
            }
        }
        return reads;
    }

    private static long gcCount() {
        long count = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
        }
        return count;
    }
}
