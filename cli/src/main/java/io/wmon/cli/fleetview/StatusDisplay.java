package io.wmon.cli.fleetview;

import io.wmon.core.fleet.FleetSnapshot;
import java.io.PrintWriter;
import java.time.Duration;

/** Where a {@code --continuous} loop shows each cycle: a terminal redrawn in place, or a stream. */
public interface StatusDisplay extends AutoCloseable {

    /**
     * The display for {@code out}: redrawn in place on an interactive terminal (never for JSON,
     * which is for programs), else a stream of blocks or JSON lines.
     *
     * @param redis the endpoint, already redacted
     */
    static StatusDisplay forOutput(PrintWriter out, boolean json, String namespace, String redis, Duration interval) {
        return !json && Terminal.interactive()
                ? new TerminalDisplay(out, namespace, redis, interval, Terminal.colour())
                : new StreamDisplay(out, json, namespace, redis, interval);
    }

    /** Shows a successful read. */
    void show(FleetSnapshot snapshot);

    /**
     * Shows a cycle whose read failed; the loop goes on.
     *
     * @param reason one line, endpoint redacted, e.g. {@code cannot reach Redis at redis://h:6379 (connection refused)}
     * @param atMillis when the read failed, epoch ms
     */
    void showOutage(String reason, long atMillis);

    /** Leaves the output tidy (a terminal gets its cursor back); never throws. */
    @Override
    void close();
}
