package io.wmon.cli.fleetview;

import io.wmon.cli.text.SafeText;
import io.wmon.cli.text.TextTable;
import io.wmon.cli.text.WordWrap;
import io.wmon.core.fleet.FleetSnapshot;
import java.io.PrintWriter;
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
 * flicker. Each frame is one write.
 *
 * <p>A frame is the title with the clock, the banner lines (kept on screen for the whole run), a
 * hint while the namespace is empty, then the fleet. Lines fit the terminal's width: the title,
 * banner, hint and summary wrap at spaces (never cut mid-word), table rows give up their least
 * important columns first; the table is cut to the terminal's height. During an outage the last
 * good read stays on screen under a banner, red with colour.
 */
public final class TerminalDisplay implements StatusDisplay {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final PrintWriter out;
    private final StatusView view;
    private final String title;
    private final DisplaySettings settings;
    private final boolean colour;
    private final TerminalSize size;
    private FleetSnapshot lastGood;
    private String hint;
    /** Warnings kept on screen, at most {@value #MAX_WARNINGS}. */
    private final List<String> warnings = new ArrayList<>();
    private static final int MAX_WARNINGS = 3;
    private boolean started;

    public TerminalDisplay(PrintWriter out, DisplaySettings settings, boolean colour) {
        this(out, settings, colour, new TerminalSize());
    }

    /** A display of a terminal of {@code size}; tests pass a fixed one. */
    TerminalDisplay(PrintWriter out, DisplaySettings settings, boolean colour, TerminalSize size) {
        this.out = out;
        this.size = size;
        this.view = new StatusView(settings.redis(), colour, true, settings.query(), Attention.continuous());
        this.title = "wmon status  " + SafeText.escape(settings.namespace()) + " @ " + SafeText.escape(settings.redis())
                + "  every " + StreamDisplay.seconds(settings.interval()) + "  (Ctrl-C quits)";
        this.settings = settings;
        this.colour = colour;
    }

    @Override
    public void show(FleetSnapshot snapshot) {
        lastGood = snapshot;
        if (snapshot.workerCount() > 0) {
            hint = null;
        }
        draw(null, snapshot.generatedAtMillis());
    }

    @Override
    public void showOutage(String reason, long atMillis) {
        draw(StreamDisplay.outageLine(reason, settings.interval()), atMillis);
    }

    /** Shown in the frame (stderr would be overwritten by the next frame) until a read finds workers. */
    @Override
    public void showHint(String text) {
        hint = text;
    }

    /** Shown in every frame from now on, below the banner; the same warning twice is shown once. */
    @Override
    public void showWarning(String warning) {
        String line = "wmon: warning: " + SafeText.escape(warning);
        if (!warnings.contains(line) && warnings.size() < MAX_WARNINGS) {
            warnings.add(line);
        }
    }

    private void draw(String outage, long atMillis) {
        int width = size.columns() - 1;
        List<String> lines = new ArrayList<>(WordWrap.wrap(CLOCK.format(Instant.ofEpochMilli(atMillis)) + "  " + title,
                width));
        for (String line : settings.banner()) {
            lines.addAll(WordWrap.wrap(SafeText.escape(line), width));
        }
        for (String warning : warnings) {
            lines.addAll(WordWrap.wrap(warning, width));
        }
        if (hint != null) {
            lines.addAll(WordWrap.wrap(hint, width));
        }
        if (outage != null) {
            for (String line : WordWrap.wrap(outage, width)) {
                lines.add(TextTable.styled(colour ? Style.fg_red : null, line));
            }
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
