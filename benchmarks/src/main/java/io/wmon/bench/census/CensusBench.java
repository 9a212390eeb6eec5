package io.wmon.bench.census;

import static io.wmon.bench.Stats.fmt;
import static io.wmon.bench.Stats.percentile;

import io.wmon.agent.census.SocketCensus;
import io.wmon.agent.census.SocketCount;
import io.wmon.bench.Args;
import io.wmon.bench.Jdk;
import io.wmon.bench.Stats;
import io.wmon.bench.Table;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Wall and CPU time of one {@link SocketCensus#take()} of this JVM with {@code --sockets} connections (default
 * 1,000) open to the Redis at {@code --redis-port}, the shipped census code (shaded agent jar on the class
 * path). Three cases, {@code --censuses} each (default 2,000) after a warm-up:
 *
 * <ul>
 *   <li><b>steady</b>: no socket opened or closed between censuses, as in a worker whose connections
 *       are pooled; every {@value SocketCensus#FULL_READ_EVERY}th census reads the TCP tables in full,
 *       the others only list the descriptors. Reported over all censuses, and for each kind alone;</li>
 *   <li><b>churn</b>: one socket closed and a new one opened before each census, as in a worker that
 *       opens a connection per cycle: every census reads a TCP table;</li>
 *   <li><b>empty</b>: no socket but the JVM's own, for scale.</li>
 * </ul>
 *
 * <p>Wall time counts the waits of a busy machine; CPU time ({@link ThreadMXBean#getCurrentThreadCpuTime()})
 * is the census's own work, most of it the kernel's: a {@code readlink} per descriptor and the TCP table
 * reads. For scale the bench also times that floor alone, a bare loop of {@code readlink} over
 * {@code /proc/self/fd}.
 *
 * <p>{@code java -cp wmon-benchmarks.jar:wmon-agent.jar io.wmon.bench.census.CensusBench --redis-port PORT}
 */
public final class CensusBench {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CensusBench() {
    }

    public static void main(String[] argv) throws IOException {
        Args args = Args.parse(argv);
        int port = Integer.parseInt(args.get("redis-port"));
        int sockets = args.integer("sockets", 1_000);
        int censuses = args.integer("censuses", 2_000);
        int warmup = args.integer("warmup", 500);
        String jdk = Jdk.current().label();

        SocketCensus census = SocketCensus.forAgent("127.0.0.1", port, Set.of(port), List::of, 5_000);
        measure(census, warmup, censuses, null, jdk, "no other socket open", -1);

        List<Socket> open = new ArrayList<>(sockets);
        try {
            for (int i = 0; i < sockets; i++) {
                open.add(new Socket("127.0.0.1", port));
            }
            SocketCount count = census.take();
            if (count.redisSockets() < sockets) {
                throw new IllegalStateException("the census found " + count + ", expected at least " + sockets);
            }
            measure(census, warmup, censuses, null, jdk, fmt("%,d sockets open, none new", sockets), sockets);
            floor(warmup, censuses / 4, jdk, sockets);
            measure(census, warmup / 5, censuses / 5, open, jdk,
                    fmt("%,d sockets open, one closed and one opened before each census", sockets), sockets);
        } finally {
            for (Socket socket : open) {
                socket.close();
            }
        }
    }

    /**
     * Times {@code n} censuses after {@code warmup} untimed ones; with {@code churn}, replaces one of its
     * sockets before each. Splits the times by whether the census read a TCP table.
     */
    private static void measure(SocketCensus census, int warmup, int n, List<Socket> churn, String jdk, String what,
            int expected) throws IOException {
        for (int i = 0; i < warmup; i++) {
            replaceOne(churn);
            census.take();
        }
        long[] all = new long[n];
        long[] cpu = new long[n];
        long[] listing = new long[n];
        long[] reading = new long[n];
        int listed = 0;
        int read = 0;
        long total = 0;
        for (int i = 0; i < n; i++) {
            replaceOne(churn);
            long reads = census.tableReads();
            long c = THREADS.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            SocketCount count = census.take();
            long took = System.nanoTime() - t;
            cpu[i] = THREADS.getCurrentThreadCpuTime() - c;
            if (expected >= 0 && count.redisSockets() < expected) {
                throw new IllegalStateException("census " + i + " found " + count);
            }
            all[i] = took;
            total += took;
            if (census.tableReads() == reads) {
                listing[listed++] = cpu[i];
            } else {
                reading[read++] = cpu[i];
            }
        }
        Arrays.sort(all);
        Arrays.sort(cpu);
        listing = Arrays.copyOf(listing, listed);
        reading = Arrays.copyOf(reading, read);
        Arrays.sort(listing);
        Arrays.sort(reading);
        boolean met = percentile(cpu, 50) <= 1_000_000;
        Table.row("Socket census, " + what + ": wall p50 / p99, CPU p50 / p99", jdk, "—",
                ms(percentile(all, 50)) + " / " + ms(percentile(all, 99)) + "; CPU " + ms(percentile(cpu, 50)) + " / "
                        + ms(percentile(cpu, 99)), ms((double) total / n) + " mean wall",
                expected >= 0 ? "≤ 1 ms" : "—", expected >= 0 ? Table.met(met) : "—");
        if (listed > 0) {
            Table.note("%s %s: %d censuses from what the census knew (descriptors only): CPU p50 %s, p99 %s", jdk,
                    what, listed, ms(percentile(listing, 50)), ms(percentile(listing, 99)));
        }
        if (read > 0) {
            Table.note("%s %s: %d censuses that read a TCP table: CPU p50 %s, p99 %s", jdk, what, read,
                    ms(percentile(reading, 50)), ms(percentile(reading, 99)));
        }
    }

    /** The kernel's floor: list {@code /proc/self/fd} and {@code readlink} each entry, nothing else. */
    private static void floor(int warmup, int n, String jdk, int sockets) throws IOException {
        long[] cpu = new long[n];
        Path fd = Paths.get("/proc/self/fd");
        long sink = 0;
        for (int i = 0; i < warmup + n; i++) {
            long c = THREADS.getCurrentThreadCpuTime();
            for (String name : new File(fd.toString()).list()) {
                try {
                    sink += Files.readSymbolicLink(fd.resolve(name)).toString().length();
                } catch (IOException closed) {
                    // the listing's own descriptor
                }
            }
            if (i >= warmup) {
                cpu[i - warmup] = THREADS.getCurrentThreadCpuTime() - c;
            }
        }
        Arrays.sort(cpu);
        Table.note("%s floor with %,d sockets open: list /proc/self/fd and readlink each, CPU p50 %s, p99 %s (%d)", jdk,
                sockets, ms(percentile(cpu, 50)), ms(percentile(cpu, 99)), sink % 10);
    }

    private static void replaceOne(List<Socket> sockets) throws IOException {
        if (sockets == null) {
            return;
        }
        Socket oldest = sockets.remove(0);
        sockets.add(new Socket(oldest.getInetAddress(), oldest.getPort()));
        oldest.close();
    }

    private static String ms(double nanos) {
        return nanos < 100_000 ? Stats.fmt("%.3f ms", nanos / 1e6) : Stats.fmt("%.2f ms", nanos / 1e6);
    }
}
