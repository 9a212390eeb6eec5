package io.wmon.cli.fleetview;

import io.wmon.cli.text.TextTable;
import io.wmon.core.fleet.FleetSnapshot;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Help.Ansi.Style;

/**
 * The {@code --continuous} display for a terminal, redrawn in place like {@code top}: each frame
 * moves the cursor home and overwrites the previous frame line by line, clearing only what is left
 * of longer lines and the lines below; the screen is cleared once, at the start, so frames never
 * flicker. Each frame is one write. Lines are cut to the terminal's width and the table to its
 * height. During an outage the last good read stays on screen under a banner, red with colour.
 */
public final class TerminalDisplay implements StatusDisplay {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final PrintWriter out;
    private final StatusView view;
    private final String title;
    private final Duration interval;
    private final boolean colour;
    private final TerminalSize size = new TerminalSize();
    private FleetSnapshot lastGood;
    private boolean started;

    /** @param redis the endpoint, already redacted */
    public TerminalDisplay(PrintWriter out, String namespace, String redis, Duration interval, boolean colour) {
        this.out = out;
        this.view = new StatusView(redis, colour, true);
        this.title = "wmon status  " + namespace + " @ " + redis + "  every " + StreamDisplay.seconds(interval);
        this.interval = interval;
        this.colour = colour;
    }

    @Override
    public void show(FleetSnapshot snapshot) {
        lastGood = snapshot;
        draw(null, snapshot.generatedAtMillis());
    }

    @Override
    public void showOutage(String reason, long atMillis) {
        draw(StreamDisplay.outageLine(reason, interval), atMillis);
    }

    private void draw(String outage, long atMillis) {
        int width = size.columns() - 1;
        List<String> lines = new ArrayList<>();
        lines.add(TextTable.cut(title + "  " + CLOCK.format(Instant.ofEpochMilli(atMillis)) + "  (Ctrl-C quits)",
                width));
        if (outage != null) {
            lines.add(TextTable.styled(colour ? Style.fg_red : null, TextTable.cut(outage, width)));
        }
        if (lastGood != null) {
            if (outage != null) {
                lines.add(TextTable.cut("last good read " + CLOCK.format(Instant.ofEpochMilli(
                        lastGood.generatedAtMillis())) + ":", width));
            }
            lines.addAll(view.render(lastGood, width));
        }
        out.print(frame(lines, size.rows() - 1, width, !started));
        out.flush();
        started = true;
    }

    /**
     * One frame: home, each line followed by clear-to-end-of-line, then clear-below; at most
     * {@code maxLines} lines, the last one saying how many were left out.
     *
     * @param first whether to hide the cursor and clear the screen first
     */
    static String frame(List<String> lines, int maxLines, int width, boolean first) {
        List<String> shown = lines;
        if (lines.size() > maxLines) {
            shown = new ArrayList<>(lines.subList(0, Math.max(0, maxLines - 1)));
            shown.add(TextTable.cut("... " + (lines.size() - shown.size())
                    + " more lines (enlarge the window, or use --json)", width));
        }
        StringBuilder sb = new StringBuilder(4096);
        if (first) {
            sb.append(Terminal.HIDE_CURSOR).append(Terminal.CLEAR_SCREEN);
        }
        sb.append(Terminal.HOME);
        for (int i = 0; i < shown.size(); i++) {
            sb.append(shown.get(i)).append(Terminal.CLEAR_TO_EOL);
            if (i < shown.size() - 1) {
                sb.append('\n');
            }
        }
        return sb.append(Terminal.CLEAR_BELOW).toString();
    }

    @Override
    public void close() {
        if (started) {
            out.print(Style.reset.on() + Terminal.SHOW_CURSOR + "\n");
            out.flush();
        }
    }
}
