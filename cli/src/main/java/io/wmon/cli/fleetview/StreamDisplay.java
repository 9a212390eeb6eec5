package io.wmon.cli.fleetview;

import io.wmon.cli.text.SafeText;
import io.wmon.cli.text.TextTable;
import io.wmon.core.fleet.FleetSnapshot;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * The {@code --continuous} display for a pipe or a file: one block of lines per cycle (a blank
 * line between blocks), or with {@code --json} one JSON document per line. An outage is one
 * line, or a JSON document with an {@code error} field; a hint is a line on stderr.
 */
public final class StreamDisplay implements StatusDisplay {

    private final PrintWriter out;
    private final PrintWriter err;
    private final StatusView view;
    private final boolean json;
    private final DisplaySettings settings;

    public StreamDisplay(PrintWriter out, PrintWriter err, boolean json, DisplaySettings settings) {
        this.out = out;
        this.err = err;
        this.view = new StatusView(settings.redis(), false, false, settings.query(), Attention.continuous());
        this.json = json;
        this.settings = settings;
    }

    @Override
    public void show(FleetSnapshot snapshot) {
        if (json) {
            StatusJson.write(out, snapshot, settings.query(), settings.redis());
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
            StatusJson.writeOutage(out, settings.namespace(), settings.redis(), atMillis, reason);
            return;
        }
        out.print(outageLine(reason, settings.interval()) + "\n\n");
        out.flush();
    }

    @Override
    public void showHint(String hint) {
        err.println(hint);
        err.flush();
    }

    @Override
    public void showWarning(String warning) {
        err.println("wmon: warning: " + SafeText.escape(warning));
        err.flush();
    }

    /** {@code Redis unreachable: cannot reach Redis at … (connection refused); retrying every 5s}. */
    static String outageLine(String reason, Duration interval) {
        return "Redis unreachable: " + SafeText.escape(reason) + "; retrying every " + seconds(interval);
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
