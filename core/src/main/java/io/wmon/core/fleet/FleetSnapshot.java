package io.wmon.core.fleet;

import io.wmon.core.record.WorkerState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What one {@link FleetReader#read()} found: every registry member classified, sorted by id.
 *
 * <p>State counts ({@link #busyCount()}, {@link #stateCount}) count alive workers only: the state of
 * a stale worker is old news. Every alive worker has one state, so the six state counts add up to
 * {@link #aliveCount()}.
 */
public final class FleetSnapshot {

    private static final int STATUSES = EntryStatus.values().length;
    private static final int STATES = WorkerState.values().length;

    private final String namespace;
    private final long generatedAtMillis;
    private final int roundTrips;
    private final List<WorkerEntry> workers;
    private final int alive;
    private final int stale;
    private final int gone;
    private final int invalid;
    private final int[] aliveByState;

    FleetSnapshot(String namespace, long generatedAtMillis, int roundTrips, List<WorkerEntry> workers) {
        this.namespace = namespace;
        this.generatedAtMillis = generatedAtMillis;
        this.roundTrips = roundTrips;
        this.workers = List.copyOf(workers);
        int[] counts = new int[STATUSES];
        this.aliveByState = new int[STATES];
        for (WorkerEntry worker : workers) {
            counts[worker.status().ordinal()]++;
            if (worker.status() == EntryStatus.ALIVE) {
                aliveByState[worker.record().state().ordinal()]++;
            }
        }
        this.alive = counts[EntryStatus.ALIVE.ordinal()];
        this.stale = counts[EntryStatus.STALE.ordinal()];
        this.gone = counts[EntryStatus.GONE.ordinal()];
        this.invalid = counts[EntryStatus.INVALID.ordinal()];
    }

    /**
     * The same read with only the entries {@code keep} accepts, in the same order; its counts are
     * those of the kept entries. Returns this snapshot when every entry is kept.
     */
    public FleetSnapshot filter(Predicate<WorkerEntry> keep) {
        List<WorkerEntry> kept = new ArrayList<>();
        for (WorkerEntry worker : workers) {
            if (keep.test(worker)) {
                kept.add(worker);
            }
        }
        return kept.size() == workers.size() ? this : new FleetSnapshot(namespace, generatedAtMillis, roundTrips, kept);
    }

    /**
     * This snapshot with what events reported since the read, in one pass over the entries: for each
     * worker in {@code changes}, its new state (its job cleared unless busy) and status, either
     * {@code null} to keep it. The other entries, the read's time and round trips are shared; an id the
     * read did not list, or whose record it could not read, is left out. Returns this snapshot when
     * nothing changes.
     */
    public FleetSnapshot withChanges(Map<String, Change> changes) {
        if (changes.isEmpty()) {
            return this;
        }
        List<WorkerEntry> changed = new ArrayList<>(workers);
        boolean found = false;
        for (int i = 0; i < changed.size(); i++) {
            WorkerEntry entry = changed.get(i);
            Change change = changes.get(entry.id());
            if (change != null && entry.record() != null) {
                changed.set(i, entry.changed(change.state, change.status));
                found = true;
            }
        }
        return found ? new FleetSnapshot(namespace, generatedAtMillis, roundTrips, changed) : this;
    }

    /** What events said of one worker since a read: its state and its status, either null when not said. */
    public static final class Change {
        final WorkerState state;
        final EntryStatus status;

        private Change(WorkerState state, EntryStatus status) {
            this.state = state;
            this.status = status;
        }

        public static Change of(WorkerState state, EntryStatus status) {
            return new Change(state, status);
        }

        /** This change followed by {@code later}: what {@code later} says wins, the rest stays. */
        public Change then(Change later) {
            return new Change(later.state != null ? later.state : state, later.status != null ? later.status : status);
        }
    }

    public String namespace() {
        return namespace;
    }

    /** When the read completed, epoch ms of the reader's clock; ages are measured against it. */
    public long generatedAtMillis() {
        return generatedAtMillis;
    }

    /** Network round trips the read took: 1 for the registry plus 1 per batch of hashes. */
    public int roundTrips() {
        return roundTrips;
    }

    /** Every registry member, sorted by id; unmodifiable. */
    public List<WorkerEntry> workers() {
        return workers;
    }

    /** The entry for {@code id}, if the registry lists it. */
    public Optional<WorkerEntry> find(String id) {
        return workers.stream().filter(worker -> worker.id().equals(id)).findFirst();
    }

    public int workerCount() {
        return workers.size();
    }

    public int aliveCount() {
        return alive;
    }

    public int staleCount() {
        return stale;
    }

    public int goneCount() {
        return gone;
    }

    public int invalidCount() {
        return invalid;
    }

    /** Alive workers in state busy. */
    public int busyCount() {
        return stateCount(WorkerState.BUSY);
    }

    /** Alive workers in state idle. */
    public int idleCount() {
        return stateCount(WorkerState.IDLE);
    }

    /** Alive workers in {@code state}. */
    public int stateCount(WorkerState state) {
        return aliveByState[state.ordinal()];
    }

    @Override
    public String toString() {
        return "FleetSnapshot{" + namespace + ": " + workers.size() + " workers, alive=" + alive + ", stale=" + stale
                + ", gone=" + gone + ", invalid=" + invalid + ", busy=" + busyCount() + ", idle=" + idleCount()
                + ", roundTrips="
                + roundTrips + "}";
    }
}
