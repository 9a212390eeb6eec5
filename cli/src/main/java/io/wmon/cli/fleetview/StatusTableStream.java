package io.wmon.cli.fleetview;

import io.wmon.core.fleet.FleetCounts;
import io.wmon.core.fleet.WorkerEntry;
import java.io.PrintWriter;

/**
 * The one-shot {@code status} table, its rows given as the read goes on. The summary leads the
 * table and the columns are as wide as their widest cell, so the lines leave only once the whole
 * fleet is read; until then each row is kept as its cells, escaped and cut ({@link StatusView.Rows}),
 * never as its record. A read that fails midway writes nothing: the error line on stderr says why.
 */
final class StatusTableStream implements StatusRows {

    private final PrintWriter out;
    private final StatusView.Rows rows;
    private String namespace;

    StatusTableStream(PrintWriter out, StatusView view, int width) {
        this.out = out;
        this.rows = view.rows(width);
    }

    @Override
    public void start(String namespace, long generatedAtMillis) {
        this.namespace = namespace;
    }

    @Override
    public void row(WorkerEntry entry) {
        rows.add(entry);
    }

    @Override
    public void flush() {
        // Nothing leaves before the summary, which needs the whole fleet.
    }

    /**
     * Writes the lines one by one: {@code write}, unlike {@code println}, never flushes an
     * auto-flushing writer, so they leave in the writer's buffers without a copy of the whole text.
     */
    @Override
    public void finish(FleetCounts counts, int shown) {
        for (String line : rows.lines(namespace, counts)) {
            out.write(line);
            out.write('\n');
        }
        out.flush();
    }

    @Override
    public void fail(String line) {
        // Nothing was written; the table is not shown half.
    }
}
