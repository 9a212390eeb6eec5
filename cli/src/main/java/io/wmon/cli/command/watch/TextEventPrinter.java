package io.wmon.cli.command.watch;

import io.wmon.cli.text.SafeText;
import io.wmon.cli.text.TextTable;
import io.wmon.core.event.DecodedEvent;
import io.wmon.core.event.FleetEvent;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Help.Ansi.IStyle;
import picocli.CommandLine.Help.Ansi.Style;

/**
 * {@code watch} without {@code --json}: one readable line per event,
 * {@code 12:03:04.123  state           w-7               idle -> busy  job-17}: the local time (with
 * the date when it is not today), the type, the worker, the change and the detail. Every text from
 * Redis is escaped ({@link SafeText}) and cut: the worker at {@value #WORKER_WIDTH} characters, each
 * state at {@value #STATE_WIDTH}, the detail at {@value #DETAIL_WIDTH}. On a colour terminal the type
 * is coloured: red for what needs attention (down, stale, a breaker opening, a leak), yellow for pool
 * exhaustion and a pause, green for a worker up or a breaker closing.
 */
final class TextEventPrinter implements EventPrinter {

    static final int WORKER_WIDTH = 64;
    static final int STATE_WIDTH = 24;
    static final int DETAIL_WIDTH = 200;
    private static final int TYPE_COLUMN = "pool_exhausted".length();
    private static final int WORKER_COLUMN = 16;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final PrintWriter out;
    private final boolean colour;
    private final ZoneId zone = ZoneId.systemDefault();

    TextEventPrinter(PrintWriter out, boolean colour) {
        this.out = out;
        this.colour = colour;
    }

    @Override
    public void print(DecodedEvent entry) {
        out.println(line(entry.event()));
    }

    String line(FleetEvent event) {
        StringBuilder line = new StringBuilder(128);
        line.append(time(event.tsMillis())).append("  ");
        String type = pad(event.type().wire(), TYPE_COLUMN);
        line.append(colour ? TextTable.styled(style(event), type) : type).append("  ");
        line.append(pad(SafeText.escape(event.worker(), WORKER_WIDTH), WORKER_COLUMN));
        String change = change(SafeText.escape(event.from(), STATE_WIDTH), SafeText.escape(event.to(), STATE_WIDTH));
        if (!change.isEmpty()) {
            line.append("  ").append(change);
        }
        if (!event.detail().isEmpty()) {
            line.append("  ").append(SafeText.escape(event.detail(), DETAIL_WIDTH));
        }
        return line.toString().stripTrailing();
    }

    private String time(long epochMillis) {
        ZonedDateTime at = Instant.ofEpochMilli(epochMillis).atZone(zone);
        return (at.toLocalDate().equals(LocalDate.now(zone)) ? TIME : DATE_TIME).format(at);
    }

    private static String change(String from, String to) {
        if (from.isEmpty() && to.isEmpty()) {
            return "";
        }
        return (from.isEmpty() ? "" : from + " ") + "->" + (to.isEmpty() ? "" : " " + to);
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    private static IStyle style(FleetEvent event) {
        switch (event.type()) {
            case DOWN:
            case STALE:
            case LEAK:
                return Style.fg_red;
            case POOL_EXHAUSTED:
                return Style.fg_yellow;
            case UP:
                return Style.fg_green;
            case BREAKER:
                return "OPEN".equals(event.to()) ? Style.fg_red : Style.fg_green;
            default:
                return "paused".equals(event.to()) ? Style.fg_yellow : null;
        }
    }
}
