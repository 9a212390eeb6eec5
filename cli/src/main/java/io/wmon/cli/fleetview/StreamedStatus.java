package io.wmon.cli.fleetview;

import io.wmon.core.fleet.FleetCounts;
import io.wmon.core.fleet.FleetStream;
import io.wmon.core.fleet.WorkerEntry;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one-shot {@code status} output fed by a streamed read ({@code FleetReader.stream}): each
 * entry the {@link FleetQuery} shows goes to the output as its batch arrives when the output's
 * order is the read's (by id, the default); with {@code --sort age} or {@code --sort state} the
 * entries shown are kept and sorted at the end, since either order needs the whole fleet's records.
 * Entries not shown are only counted.
 *
 * <p>Calls come one at a time (the reader's contract), possibly on the reader's decoder thread;
 * {@link #finish} and {@link #fail} come after the read returned or failed, on the caller's thread.
 */
public final class StreamedStatus implements FleetStream {

    private final StatusRows rows;
    private final FleetQuery query;
    private final boolean sorted;
    private final List<WorkerEntry> held = new ArrayList<>();
    private Consumer<WorkerEntry> onShown = entry -> { };
    private boolean started;
    private int shown;

    private StreamedStatus(StatusRows rows, FleetQuery query) {
        this.rows = rows;
        this.query = query;
        this.sorted = query.sort() != FleetQuery.Sort.ID;
    }

    /** The {@code --json} document on {@code out}; {@code redis} already redacted. */
    public static StreamedStatus json(PrintWriter out, FleetQuery query, String redis) {
        return new StreamedStatus(new StatusJsonStream(out, query, redis), query);
    }

    /** The table of {@code view}, which must use {@code query}, at most {@code width} wide. */
    public static StreamedStatus table(PrintWriter out, StatusView view, FleetQuery query, int width) {
        return new StreamedStatus(new StatusTableStream(out, view, width), query);
    }

    /** Also gives every entry shown, in id order, to {@code consumer} (for {@code --check}). */
    public StreamedStatus onShown(Consumer<WorkerEntry> consumer) {
        this.onShown = consumer;
        return this;
    }

    @Override
    public void start(String namespace, long generatedAtMillis, int workerCount) {
        started = true;
        rows.start(namespace, generatedAtMillis);
    }

    @Override
    public void batch(List<WorkerEntry> entries) {
        for (WorkerEntry entry : entries) {
            if (!query.matches(entry)) {
                continue;
            }
            shown++;
            onShown.accept(entry);
            if (sorted) {
                held.add(entry);
            } else {
                rows.row(entry);
            }
        }
        if (!sorted) {
            rows.flush();
        }
    }

    /** The read is complete: the held rows in the query's order, then what needs the whole fleet's {@code counts}. */
    public void finish(FleetCounts counts) {
        if (sorted) {
            held.sort(query.comparator());
            held.forEach(rows::row);
            held.clear();
        }
        rows.finish(counts, shown);
    }

    /**
     * The read failed with {@code line} (the error line, without {@code wmon: }); after the output
     * started, it is ended so that it stays whole. Before, nothing was written and nothing is.
     */
    public void fail(String line) {
        if (started) {
            held.clear();
            rows.fail(line);
        }
    }
}
