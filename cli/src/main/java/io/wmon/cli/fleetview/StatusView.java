package io.wmon.cli.fleetview;

import io.wmon.cli.text.SafeText;
import io.wmon.cli.text.TextTable;
import io.wmon.cli.text.TextTable.Column;
import io.wmon.cli.text.Units;
import io.wmon.cli.text.WordWrap;
import io.wmon.core.fleet.EntryStatus;
import io.wmon.core.fleet.FleetCounts;
import io.wmon.core.fleet.FleetSnapshot;
import io.wmon.core.fleet.WorkerEntry;
import io.wmon.core.record.WorkerRecord;
import io.wmon.core.record.WorkerState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Help.Ansi.IStyle;
import picocli.CommandLine.Help.Ansi.Style;

/**
 * Renders a fleet snapshot as text lines: a summary of the whole fleet, a "showing N of M" line
 * when a {@link FleetQuery} filters, a table of the workers shown, then one line per invalid record
 * with its problem.
 *
 * <p>Everything from Redis is escaped ({@link SafeText}) and cut: cells at their column's width
 * (documented in docs/cli.md), an invalid line's id at {@value #ID_WIDTH} and its problem at
 * {@value #PROBLEM_WIDTH} characters, so the output grows with the number of workers only. With
 * colour, stale rows are red, rows that need attention ({@link Attention}) yellow, busy rows green,
 * invalid rows magenta and gone rows dim. No line is wider than the width asked for (escape
 * sequences do not count); the summary wraps at spaces rather than being cut. The terminal view
 * lists problems first (stale, needing attention, invalid, gone, then alive, each in the query's
 * order), so that a window too small for the fleet still shows them.
 */
public final class StatusView {

    /** The longest id shown (the longest valid worker id); a longer registry member is cut. */
    static final int ID_WIDTH = 128;
    /** The longest problem text shown after an invalid entry. */
    static final int PROBLEM_WIDTH = 512;

    // Keep ranks: on a narrow terminal the lowest go first; id, status, state, age and note go last.
    private static final List<Column> COLUMNS = List.of(
            Column.text("ID", ID_WIDTH).onScreen(32, 8).keep(10),
            Column.text("HOST", 255).onScreen(20, 6).keep(4),
            Column.number("PID", 20).keep(1),
            Column.text("STATUS", 7).keep(9),
            Column.text("STATE", 8).keep(8),
            Column.text("JOB", 256).onScreen(24, 6).keep(5),
            Column.number("AGE", 8).keep(7),
            Column.number("DONE/FAILED", 41).onScreen(17, 11).keep(3),
            Column.number("POOL A/I/MAX", 62).onScreen(14, 12).keep(2),
            Column.number("RTT", 20).onScreen(7, 3).keep(0),
            Column.text("NOTE", PROBLEM_WIDTH).onScreen(60, 12).keep(6));

    /** Busy and idle first, as the design's summary has them; then the other states in the contract's order. */
    private static final List<WorkerState> SUMMARY_STATES = List.of(WorkerState.BUSY, WorkerState.IDLE,
            WorkerState.PAUSED, WorkerState.STARTING, WorkerState.STOPPING, WorkerState.STOPPED);

    private final String redis;
    private final boolean colour;
    private final boolean problemsFirst;
    private final FleetQuery query;
    private final Attention attention;

    /**
     * Every worker, in id order, for one read.
     *
     * @param redis the endpoint, already redacted
     * @param colour whether to add ANSI colours
     */
    public StatusView(String redis, boolean colour) {
        this(redis, colour, false, FleetQuery.all(), Attention.once());
    }

    /** @param problemsFirst whether stale, attention, invalid and gone rows come before alive ones */
    public StatusView(String redis, boolean colour, boolean problemsFirst) {
        this(redis, colour, problemsFirst, FleetQuery.all(), Attention.once());
    }

    /**
     * @param query which workers to show, in which order
     * @param attention what makes a worker need a look; {@link Attention#continuous()} for a refresh loop
     */
    public StatusView(String redis, boolean colour, boolean problemsFirst, FleetQuery query, Attention attention) {
        this.redis = SafeText.escape(redis);
        this.colour = colour;
        this.problemsFirst = problemsFirst;
        this.query = query;
        this.attention = attention;
    }

    /** The lines for {@code snapshot} (the whole fleet as read), each at most {@code width} visible columns wide. */
    public List<String> render(FleetSnapshot snapshot, int width) {
        attention.observe(snapshot);
        FleetSnapshot shown = query.select(snapshot);
        List<WorkerEntry> entries = query.order(shown);
        if (problemsFirst) {
            entries = new ArrayList<>(entries);
            entries.sort(Comparator.comparingInt(this::group));
        }
        Rows rows = rows(width);
        entries.forEach(rows::add);
        return rows.lines(snapshot.namespace(), FleetCounts.of(snapshot));
    }

    /** An empty table for rows given one at a time, in the order they are to be shown; at most {@code width} wide. */
    public Rows rows(int width) {
        return new Rows(width);
    }

    /**
     * The rows of one table, added one by one: what is kept of each is its cells, escaped and cut,
     * never its record; the lines come once the whole fleet's counts are known (the summary goes
     * first, and the columns are as wide as their widest cell). Not thread-safe.
     */
    public final class Rows {
        private final int width;
        private final TextTable table = new TextTable(COLUMNS);
        private final List<String> invalidLines = new ArrayList<>();
        private int gone;

        private Rows(int width) {
            this.width = width;
        }

        public void add(WorkerEntry entry) {
            table.add(colour ? style(entry) : null, cells(entry));
            if (entry.status() == EntryStatus.INVALID) {
                String line = TextTable.cut("invalid " + SafeText.escape(entry.id(), ID_WIDTH) + ": "
                        + SafeText.escape(entry.problem(), PROBLEM_WIDTH), width);
                invalidLines.add(colour ? TextTable.styled(Style.fg_magenta, line) : line);
            } else if (entry.status() == EntryStatus.GONE) {
                gone++;
            }
        }

        /**
         * The summary of the whole fleet ({@code counts}), the "showing N of M" line when the query
         * filters, the table of the rows added, their invalid lines, and the gone line.
         */
        public List<String> lines(String namespace, FleetCounts counts) {
            List<String> lines = new ArrayList<>(table.rowCount() + invalidLines.size() + 4);
            lines.addAll(WordWrap.wrap(summary(namespace, counts), width));
            if (query.filters()) {
                lines.addAll(WordWrap.wrap("showing " + table.rowCount() + " of " + counts.workerCount()
                        + " workers: " + query.describe(), width));
            }
            lines.addAll(table.render(width));
            lines.addAll(invalidLines);
            if (gone > 0) {
                lines.addAll(WordWrap.wrap(gone + " gone (record expired); 'wmon prune' removes them", width));
            }
            return lines;
        }
    }

    /** {@link #summary(String, FleetCounts)} of a snapshot. */
    public String summary(FleetSnapshot s) {
        return summary(s.namespace(), FleetCounts.of(s));
    }

    /**
     * The whole fleet's counts, every status and every state (states count alive workers), e.g.
     * {@code default @ redis://host:6379: 5 workers, 2 alive, 1 stale, 1 gone, 1 invalid; 1 busy,
     * 1 idle, 0 paused, 0 starting, 0 stopping, 0 stopped}.
     */
    public String summary(String namespace, FleetCounts s) {
        StringBuilder line = new StringBuilder(160).append(SafeText.escape(namespace)).append(" @ ").append(redis)
                .append(": ").append(s.workerCount()).append(" workers, ").append(s.aliveCount()).append(" alive, ")
                .append(s.staleCount()).append(" stale, ").append(s.goneCount()).append(" gone, ")
                .append(s.invalidCount()).append(" invalid; ");
        String separator = "";
        for (WorkerState state : SUMMARY_STATES) {
            line.append(separator).append(s.stateCount(state)).append(' ').append(state.wire());
            separator = ", ";
        }
        return line.toString();
    }

    /** Problems first: stale, needing attention, invalid, gone, then alive. */
    private int group(WorkerEntry entry) {
        switch (entry.status()) {
            case STALE:
                return 0;
            case INVALID:
                return 2;
            case GONE:
                return 3;
            default:
                return attention.needed(entry) ? 1 : 4;
        }
    }

    private String[] cells(WorkerEntry entry) {
        // Upper case for the one status an operator must act on; the rest as in the JSON.
        String status = entry.status() == EntryStatus.STALE ? "STALE" : entry.status().name().toLowerCase(Locale.ROOT);
        WorkerRecord r = entry.record();
        if (r == null) {
            return new String[] {entry.id(), "", "", status, "", "", Units.age(entry.ageMillis()), "", "", "", ""};
        }
        return new String[] {
            entry.id(), r.host(), Units.count(r.pid()), status, r.state().wire(), r.job(),
            Units.age(entry.ageMillis()),
            Units.count(r.processedCount()) + "/" + Units.count(r.failedCount()),
            Units.count(r.poolActive()) + "/" + Units.count(r.poolIdle()) + "/" + Units.count(r.poolMaxTotal()),
            Units.micros(r.redisRoundTripMicros()), note(entry)};
    }

    private String note(WorkerEntry entry) {
        List<String> notes = attention.notes(entry);
        return notes.isEmpty() ? "" : String.join("; ", notes);
    }

    private IStyle style(WorkerEntry entry) {
        switch (entry.status()) {
            case STALE:
                return Style.fg_red;
            case INVALID:
                return Style.fg_magenta;
            case GONE:
                return Style.faint;
            default:
                if (attention.needed(entry)) {
                    return Style.fg_yellow;
                }
                return entry.record().state() == WorkerState.BUSY ? Style.fg_green : null;
        }
    }
}
