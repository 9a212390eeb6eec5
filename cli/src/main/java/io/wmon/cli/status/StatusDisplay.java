package io.wmon.cli.status;

import io.wmon.core.fleet.FleetSnapshot;

/** Where a {@code --continuous} loop shows each cycle: a terminal redrawn in place, or a stream. */
public interface StatusDisplay extends AutoCloseable {

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
