package io.wmon.cli.fleetview;

import io.wmon.cli.text.TextTable;
import io.wmon.cli.text.Units;
import io.wmon.core.fleet.EntryStatus;
import io.wmon.core.fleet.FleetSnapshot;
import io.wmon.core.fleet.WorkerEntry;
import io.wmon.core.record.BreakerState;
import io.wmon.core.record.WorkerRecord;
import io.wmon.core.record.WorkerState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Help.Ansi.IStyle;
import picocli.CommandLine.Help.Ansi.Style;

/**
 * Renders a fleet snapshot as text lines: a summary line, a table of workers, then one line per
 * invalid record with its problem.
 *
 * <p>With colour, stale rows are red, busy rows green, invalid rows magenta and gone rows dim. No
 * line is wider than the width asked for (escape sequences do not count). The same lines serve
 * the one-shot table, the piped {@code --continuous} blocks and the terminal view; the terminal
 * view lists problems first (stale, invalid, gone, then alive), so that a window too small for the
 * fleet still shows them.
 */
public final class StatusView {

    private static final List<TextTable.Column> COLUMNS = List.of(
            new TextTable.Column("ID", 32, false),
            new TextTable.Column("HOST", 20, false),
            new TextTable.Column("PID", 8, true),
            new TextTable.Column("STATUS", 7, false),
            new TextTable.Column("STATE", 8, false),
            new TextTable.Column("JOB", 20, false),
            new TextTable.Column("AGE", 6, true),
            new TextTable.Column("DONE/FAILED", 17, true),
            new TextTable.Column("POOL A/I/MAX", 14, true),
            new TextTable.Column("RTT", 7, true),
            new TextTable.Column("NOTE", 200, false));

    /** Stale first, then invalid, gone, alive; by id within each (the sort is stable). */
    private static final Comparator<WorkerEntry> PROBLEMS_FIRST = Comparator.comparingInt(entry ->
            List.of(EntryStatus.STALE, EntryStatus.INVALID, EntryStatus.GONE, EntryStatus.ALIVE)
                    .indexOf(entry.status()));

    private final String redis;
    private final boolean colour;
    private final boolean problemsFirst;

    /**
     * Rows in id order.
     *
     * @param redis the endpoint, already redacted
     * @param colour whether to add ANSI colours
     */
    public StatusView(String redis, boolean colour) {
        this(redis, colour, false);
    }

    /** @param problemsFirst whether stale, invalid and gone rows come before alive ones */
    public StatusView(String redis, boolean colour, boolean problemsFirst) {
        this.redis = redis;
        this.colour = colour;
        this.problemsFirst = problemsFirst;
    }

    /** The lines for {@code snapshot}, each at most {@code width} visible columns wide. */
    public List<String> render(FleetSnapshot snapshot, int width) {
        List<String> lines = new ArrayList<>(snapshot.workerCount() + 4);
        lines.add(TextTable.cut(summary(snapshot), width));
        TextTable table = new TextTable(COLUMNS);
        List<WorkerEntry> entries = snapshot.workers();
        if (problemsFirst) {
            entries = new ArrayList<>(entries);
            entries.sort(PROBLEMS_FIRST);
        }
        for (WorkerEntry entry : entries) {
            table.add(colour ? style(entry) : null, cells(entry));
        }
        lines.addAll(table.render(width));
        for (WorkerEntry entry : snapshot.workers()) {
            if (entry.status() == EntryStatus.INVALID) {
                String line = TextTable.cut("invalid " + entry.id() + ": " + entry.problem(), width);
                lines.add(colour ? TextTable.styled(Style.fg_magenta, line) : line);
            }
        }
        if (snapshot.goneCount() > 0) {
            lines.add(TextTable.cut(snapshot.goneCount() + " gone (record expired); 'wmon prune' removes them",
                    width));
        }
        return lines;
    }

    /** {@code default @ redis://host:6379: 5 workers, 2 alive, 1 stale, 1 gone, 1 invalid; 1 busy, 1 idle}. */
    public String summary(FleetSnapshot s) {
        return s.namespace() + " @ " + redis + ": " + s.workerCount() + " workers, " + s.aliveCount() + " alive, "
                + s.staleCount() + " stale, " + s.goneCount() + " gone, " + s.invalidCount() + " invalid; "
                + s.busyCount() + " busy, " + s.idleCount() + " idle";
    }

    private static String[] cells(WorkerEntry entry) {
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

    private static String note(WorkerEntry entry) {
        WorkerRecord r = entry.record();
        List<String> notes = new ArrayList<>(3);
        if (r.breaker() == BreakerState.OPEN || r.breaker() == BreakerState.HALF_OPEN) {
            notes.add("breaker " + r.breaker().name());
        }
        if (r.leakAlarm()) {
            notes.add("leak alarm");
        }
        if (r.poolWaiters() > 0) {
            notes.add(r.poolWaiters() + " waiting");
        }
        if (!entry.problems().isEmpty()) {
            notes.add(entry.problem());
        }
        return String.join("; ", notes);
    }

    private static IStyle style(WorkerEntry entry) {
        switch (entry.status()) {
            case STALE:
                return Style.fg_red;
            case INVALID:
                return Style.fg_magenta;
            case GONE:
                return Style.faint;
            default:
                return entry.record().state() == WorkerState.BUSY ? Style.fg_green : null;
        }
    }
}
