package io.wmon.core.fleet;

import io.wmon.core.record.WorkerState;
import java.util.List;
import java.util.Optional;

/**
 * What one {@link FleetReader#read()} found: every registry member classified, sorted by id.
 *
 * <p>Busy and idle count alive workers only: the state of a stale worker is old news.
 */
public final class FleetSnapshot {

    private final String namespace;
    private final long generatedAtMillis;
    private final int roundTrips;
    private final List<WorkerEntry> workers;
    private final int alive;
    private final int stale;
    private final int gone;
    private final int invalid;
    private final int busy;
    private final int idle;

    FleetSnapshot(String namespace, long generatedAtMillis, int roundTrips, List<WorkerEntry> workers) {
        this.namespace = namespace;
        this.generatedAtMillis = generatedAtMillis;
        this.roundTrips = roundTrips;
        this.workers = List.copyOf(workers);
        int[] counts = new int[EntryStatus.values().length];
        int busyAlive = 0;
        int idleAlive = 0;
        for (WorkerEntry worker : workers) {
            counts[worker.status().ordinal()]++;
            if (worker.status() == EntryStatus.ALIVE) {
                busyAlive += worker.record().state() == WorkerState.BUSY ? 1 : 0;
                idleAlive += worker.record().state() == WorkerState.IDLE ? 1 : 0;
            }
        }
        this.alive = counts[EntryStatus.ALIVE.ordinal()];
        this.stale = counts[EntryStatus.STALE.ordinal()];
        this.gone = counts[EntryStatus.GONE.ordinal()];
        this.invalid = counts[EntryStatus.INVALID.ordinal()];
        this.busy = busyAlive;
        this.idle = idleAlive;
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
        return busy;
    }

    /** Alive workers in state idle. */
    public int idleCount() {
        return idle;
    }

    @Override
    public String toString() {
        return "FleetSnapshot{" + namespace + ": " + workers.size() + " workers, alive=" + alive + ", stale=" + stale
                + ", gone=" + gone + ", invalid=" + invalid + ", busy=" + busy + ", idle=" + idle + ", roundTrips="
                + roundTrips + "}";
    }
}
