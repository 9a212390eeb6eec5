package io.wmon.cli.fleetview;

import io.wmon.core.fleet.FleetSnapshot;
import java.io.PrintWriter;

/** Where a {@code --continuous} loop shows each cycle: a terminal redrawn in place, or a stream. */
public interface StatusDisplay extends AutoCloseable {

    /**
     * The display for {@code out}: redrawn in place on an interactive terminal (never for JSON,
     * which is for programs), else a stream of blocks or JSON lines.
     *
     * @param err where a stream display prints hints (a terminal view shows them in its frame)
     */
    static StatusDisplay forOutput(PrintWriter out, PrintWriter err, boolean json, DisplaySettings settings) {
        return !json && Terminal.interactive()
                ? new TerminalDisplay(out, settings, Terminal.colour())
                : new StreamDisplay(out, err, json, settings);
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

    /**
     * Shows a diagnostic about the reads, not data (e.g. that the namespace is empty and which ones
     * exist): on stderr, or on a terminal in the frame, until a read finds workers.
     */
    void showHint(String hint);

    /**
     * Shows a warning about the run that stays true while it lasts (a reader's ACL refuses the writes of
     * the upkeep): on stderr, or on a terminal in every frame from now on.
     *
     * @param warning one line, without the {@code wmon: warning: } prefix
     */
    void showWarning(String warning);

    /** Leaves the output tidy (a terminal gets its cursor back); never throws. */
    @Override
    void close();
}
