package io.wmon.mbeans;

import io.wmon.core.fleet.FleetSnapshot;
import io.wmon.core.fleet.WorkerEntry;
import io.wmon.core.record.WorkerState;

import java.util.Objects;

import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import javax.management.openmbean.TabularData;
import javax.management.openmbean.TabularDataSupport;
import javax.management.openmbean.TabularType;

/**
 * One published reading of the fleet, immutable: the counts and the {@code Workers} table of
 * {@link FleetMXBean}. The table is built the first time it is read and kept with the view.
 */
public final class FleetView {

    private static final String[] ROW_ITEMS = {"id", "host", "state", "status", "ageMillis", "processed", "failed"};

    /** One row of {@link FleetMXBean#getWorkers()}. */
    public static final CompositeType ROW_TYPE = NotifyingMBean.compositeType("io.wmon.FleetWorker",
            "one worker of the fleet as the agent last read it", ROW_ITEMS,
            new String[] {"worker id", "host name the worker reports; empty when unknown",
                "starting, idle, busy, paused, stopping or stopped; empty when unknown",
                "alive, stale, gone or invalid", "time since its last beat at the read, milliseconds; -1 when unknown",
                "jobs processed; -1 when unknown", "jobs failed; -1 when unknown"},
            new OpenType<?>[] {SimpleType.STRING, SimpleType.STRING, SimpleType.STRING, SimpleType.STRING,
                SimpleType.LONG, SimpleType.LONG, SimpleType.LONG});
    /** The type of {@link FleetMXBean#getWorkers()}: rows indexed by {@code id}. */
    public static final TabularType TABLE_TYPE = tabularType();

    private static final FleetView NOTHING_READ = new FleetView(null, 0, "");

    private final FleetSnapshot snapshot;
    private final long readCount;
    private final String lastReadError;
    // Built on first use and then kept: events replace views faster than anyone reads most of them.
    private volatile TabularData workers;

    private FleetView(FleetSnapshot snapshot, long readCount, String lastReadError) {
        this.snapshot = snapshot;
        this.readCount = readCount;
        this.lastReadError = Objects.requireNonNull(lastReadError, "lastReadError");
    }

    /** The view before the first read: counts -1, an empty table. */
    public static FleetView nothingRead() {
        return NOTHING_READ;
    }

    /** The view of a successful read; {@code readCount} counts the reads so far, this one included. */
    public static FleetView of(FleetSnapshot snapshot, long readCount) {
        return new FleetView(Objects.requireNonNull(snapshot, "snapshot"), readCount, "");
    }

    /** This view kept after a failed read: the same data, with the failure named in one line. */
    public FleetView failed(String why, long readCount) {
        return new FleetView(snapshot, readCount, why);
    }

    /** This view with its snapshot replaced by {@code changed} (what events reported since the read). */
    public FleetView with(FleetSnapshot changed) {
        return changed == snapshot ? this : new FleetView(changed, readCount, lastReadError);
    }

    /** The snapshot this view shows; null before the first successful read. */
    public FleetSnapshot snapshot() {
        return snapshot;
    }

    int workerCount() {
        return snapshot == null ? -1 : snapshot.workerCount();
    }

    int aliveCount() {
        return snapshot == null ? -1 : snapshot.aliveCount();
    }

    int staleCount() {
        return snapshot == null ? -1 : snapshot.staleCount();
    }

    int goneCount() {
        return snapshot == null ? -1 : snapshot.goneCount();
    }

    int invalidCount() {
        return snapshot == null ? -1 : snapshot.invalidCount();
    }

    int stateCount(WorkerState state) {
        return snapshot == null ? -1 : snapshot.stateCount(state);
    }

    long readAtMillis() {
        return snapshot == null ? -1 : snapshot.generatedAtMillis();
    }

    long readCount() {
        return readCount;
    }

    String lastReadError() {
        return lastReadError;
    }

    TabularData workers() {
        TabularData table = workers;
        if (table == null) {
            table = table(snapshot);
            workers = table;
        }
        return table;
    }

    private static TabularData table(FleetSnapshot snapshot) {
        TabularDataSupport table = new TabularDataSupport(TABLE_TYPE);
        if (snapshot != null) {
            for (WorkerEntry entry : snapshot.workers()) {
                table.put(row(entry));
            }
        }
        return table;
    }

    private static javax.management.openmbean.CompositeData row(WorkerEntry entry) {
        boolean known = entry.record() != null;
        return NotifyingMBean.compositeData(ROW_TYPE, ROW_ITEMS, new Object[] {
            entry.id(),
            known ? entry.record().host() : "",
            known && entry.record().state() != null ? entry.record().state().wire() : "",
            entry.status().name().toLowerCase(java.util.Locale.ROOT),
            entry.ageMillis(),
            known ? entry.record().processedCount() : -1L,
            known ? entry.record().failedCount() : -1L});
    }

    private static TabularType tabularType() {
        try {
            return new TabularType("io.wmon.FleetWorkers", "the workers of the fleet, one row each", ROW_TYPE,
                    new String[] {"id"});
        } catch (OpenDataException e) {
            throw new IllegalStateException("invalid fleet table type", e);
        }
    }
}
