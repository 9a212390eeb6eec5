package io.wmon.core.fleet;

import io.wmon.core.record.WorkerState;

/**
 * How many registry members a read found of each status, and how many alive workers are in each
 * state: the summary of a fleet, without its entries. State counts count alive workers only (the
 * state of a stale worker is old news), so the six add up to {@link #aliveCount()}. Immutable.
 */
public final class FleetCounts {

    private static final int STATUSES = EntryStatus.values().length;
    private static final int STATES = WorkerState.values().length;

    private final int workers;
    private final int[] byStatus;
    private final int[] aliveByState;

    private FleetCounts(int workers, int[] byStatus, int[] aliveByState) {
        this.workers = workers;
        this.byStatus = byStatus;
        this.aliveByState = aliveByState;
    }

    /** The counts of every entry of {@code snapshot}. */
    public static FleetCounts of(FleetSnapshot snapshot) {
        Tally tally = new Tally();
        snapshot.workers().forEach(tally::add);
        return tally.counts();
    }

    public int workerCount() {
        return workers;
    }

    public int aliveCount() {
        return byStatus[EntryStatus.ALIVE.ordinal()];
    }

    public int staleCount() {
        return byStatus[EntryStatus.STALE.ordinal()];
    }

    public int goneCount() {
        return byStatus[EntryStatus.GONE.ordinal()];
    }

    public int invalidCount() {
        return byStatus[EntryStatus.INVALID.ordinal()];
    }

    /** Alive workers in {@code state}. */
    public int stateCount(WorkerState state) {
        return aliveByState[state.ordinal()];
    }

    /** Counts entries one at a time, as a streamed read classifies them. Not thread-safe. */
    public static final class Tally {
        private int workers;
        private final int[] byStatus = new int[STATUSES];
        private final int[] aliveByState = new int[STATES];

        public void add(WorkerEntry entry) {
            workers++;
            byStatus[entry.status().ordinal()]++;
            if (entry.status() == EntryStatus.ALIVE) {
                aliveByState[entry.record().state().ordinal()]++;
            }
        }

        /** The counts so far. */
        public FleetCounts counts() {
            return new FleetCounts(workers, byStatus.clone(), aliveByState.clone());
        }
    }
}
