package io.wmon.cli.fleetview;

import io.wmon.cli.text.TextTable;
import io.wmon.core.fleet.FleetSnapshot;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * The {@code --continuous} display for a pipe or a file: one block of lines per cycle (a blank
 * line between blocks), or with {@code --json} one JSON document per line. An outage is one
 * line, or a JSON document with an {@code error} field.
 */
public final class StreamDisplay implements StatusDisplay {

    private final PrintWriter out;
    private final StatusView view;
    private final boolean json;
    private final String namespace;
    private final String redis;
    private final Duration interval;

    /** @param redis the endpoint, already redacted */
    public StreamDisplay(PrintWriter out, boolean json, String namespace, String redis, Duration interval) {
        this.out = out;
        this.view = new StatusView(redis, false);
        this.json = json;
        this.namespace = namespace;
        this.redis = redis;
        this.interval = interval;
    }

    @Override
    public void show(FleetSnapshot snapshot) {
        if (json) {
            StatusJson.write(out, snapshot, redis);
            return;
        }
        StringBuilder block = new StringBuilder(256 + 128 * snapshot.workerCount());
        for (String line : view.render(snapshot, TextTable.UNLIMITED)) {
            block.append(line).append('\n');
        }
        out.print(block.append('\n'));
        out.flush();
    }

    @Override
    public void showOutage(String reason, long atMillis) {
        if (json) {
            StatusJson.writeOutage(out, namespace, redis, atMillis, reason);
            return;
        }
        out.print(outageLine(reason, interval) + "\n\n");
        out.flush();
    }

    /** {@code Redis unreachable: cannot reach Redis at … (connection refused); retrying every 5s}. */
    static String outageLine(String reason, Duration interval) {
        return "Redis unreachable: " + reason + "; retrying every " + seconds(interval);
    }

    /** {@code 5s}, {@code 0.5s}. */
    static String seconds(Duration interval) {
        long millis = interval.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis / 1000.0 + "s";
    }

    @Override
    public void close() {
        out.flush();
    }
}
