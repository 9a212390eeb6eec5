package io.wmon.cli.command.demo;

import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.fleet.FleetReader;
import io.wmon.core.fleet.FleetSnapshot;
import io.wmon.core.fleet.WorkerEntry;
import io.wmon.core.record.WorkerRecord;
import io.wmon.core.redis.RedisUnavailableException;
import io.wmon.core.redis.SharedPool;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * The demo's own fleet table, redrawn every {@link #REFRESH} with the one connection of the CLI's
 * pool; used where {@code wmon status --continuous} is not available or the demo runs for a fixed
 * {@code --duration}.
 *
 * <p>A refresh that cannot reach Redis prints one line to stderr and the loop goes on, so that a
 * Redis restart does not end the demo.
 */
final class DemoFleetView {

    static final Duration REFRESH = Duration.ofSeconds(2);
    private static final String CLEAR = "\033[H\033[2J";

    private final FleetReader reader;
    private final String redis;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal;

    /** @param terminal whether to clear the screen before each table (stdout is a console) */
    DemoFleetView(SharedPool pool, FleetKeys keys, PrintWriter out, PrintWriter err,
            boolean terminal) {
        this.reader = new FleetReader(pool, keys, Clock.systemUTC());
        this.redis = pool.endpoint().redacted();
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    /** Redraws for {@code duration}, or until interrupted when it is {@code null}. */
    void run(Duration duration) {
        long end = duration == null ? 0 : System.nanoTime() + duration.toNanos();
        while (!Thread.currentThread().isInterrupted()) {
            drawOnce();
            long wait = REFRESH.toMillis();
            if (duration != null) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                wait = Math.min(wait, Math.max(1, left / 1_000_000));
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void drawOnce() {
        FleetSnapshot snapshot;
        try {
            snapshot = reader.read();
        } catch (RedisUnavailableException e) {
            err.println("wmon: " + e.getMessage());
            err.flush();
            return;
        }
        if (terminal) {
            out.print(CLEAR);
        }
        out.printf("wmon demo: namespace %s on %s: %d workers, %d alive, %d stale, %d busy (Ctrl-C stops it all)%n",
                snapshot.namespace(), redis, snapshot.workerCount(), snapshot.aliveCount(), snapshot.staleCount(),
                snapshot.busyCount());
        String row = "%-10s %-7s %-8s %-10s %9s %6s %7s %6s%n";
        out.printf(row, "ID", "STATUS", "STATE", "JOB", "PROCESSED", "FAILED", "AGE", "POOL");
        for (WorkerEntry entry : snapshot.workers()) {
            WorkerRecord r = entry.record();
            String status = entry.status().name().toLowerCase(Locale.ROOT);
            String age = String.format(Locale.ROOT, "%.1fs", entry.ageMillis() / 1000.0);
            if (r == null) {
                out.printf(row, entry.id(), status, "-", "-", "-", "-", age, "-");
            } else {
                out.printf(row, entry.id(), status, r.state().wire(), r.job().isEmpty() ? "-" : r.job(),
                        r.processedCount(), r.failedCount(), age, pool(r));
            }
        }
        out.println();
        out.flush();
    }

    /** Open connections of the worker's shared pool over its bound, e.g. {@code 1/4}. */
    private static String pool(WorkerRecord r) {
        if (r.poolMaxTotal() < 0 || r.poolActive() < 0 || r.poolIdle() < 0) {
            return "-";
        }
        return (r.poolActive() + r.poolIdle()) + "/" + r.poolMaxTotal();
    }
}
