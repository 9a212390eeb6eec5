package io.wmon.agent.fleet;

import io.wmon.core.fleet.EntryStatus;
import io.wmon.core.fleet.FleetReader;
import io.wmon.core.fleet.FleetSnapshot;
import io.wmon.core.fleet.WorkerEntry;
import io.wmon.core.redis.RedisUnavailableException;
import io.wmon.mbeans.FleetView;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The latest {@link FleetView}, published through one reference, and the read that replaces it.
 *
 * <p>{@link #get()} is what the Fleet MBean's getters call: it returns the published view at once
 * and tells the {@link #onDemand} hook that someone wants the fleet, so the refresher schedules a
 * read (at most one per interval). {@link #refresh()} runs on the refresher's thread only.
 */
final class FleetCache implements Supplier<FleetView> {

    private final FleetReader reader;
    private volatile FleetView view = FleetView.nothingRead();
    private volatile Runnable onDemand = () -> { };
    private volatile Consumer<WorkerEntry> onStale = entry -> { };
    private long reads;

    /** @param reader reads the namespace over the agent's shared pool */
    FleetCache(FleetReader reader) {
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    /**
     * Connects the hooks (the bean and the refresher are built after the cache).
     *
     * @param demand hears that the view was asked for
     * @param stale called on the refresher's thread for each worker that was alive at the previous
     *     read and is stale or gone at this one
     */
    void connect(Runnable demand, Consumer<WorkerEntry> stale) {
        this.onDemand = Objects.requireNonNull(demand, "demand");
        this.onStale = Objects.requireNonNull(stale, "stale");
    }

    @Override
    public FleetView get() {
        onDemand.run();
        return view;
    }

    /** The published view, without asking for a read. */
    FleetView current() {
        return view;
    }

    /** Reads the whole fleet once and publishes it; a failed read keeps the old view and names why. */
    void refresh() {
        reads++;
        FleetView before = view;
        FleetSnapshot snapshot;
        try {
            snapshot = reader.read();
        } catch (RedisUnavailableException | IllegalStateException e) {
            view = before.failed(e.getMessage(), reads);
            return;
        } catch (RuntimeException e) {
            // Anything else (a pool closed under a read at stop) must not end the fleet thread's task silently.
            view = before.failed(e.toString(), reads);
            return;
        }
        view = FleetView.of(snapshot, reads);
        if (before.snapshot() != null) {
            notifyStale(before.snapshot(), snapshot);
        }
    }

    private void notifyStale(FleetSnapshot before, FleetSnapshot now) {
        Set<String> wasAlive = new HashSet<>();
        for (WorkerEntry entry : before.workers()) {
            if (entry.status() == EntryStatus.ALIVE) {
                wasAlive.add(entry.id());
            }
        }
        for (WorkerEntry entry : now.workers()) {
            boolean stopped = entry.status() == EntryStatus.STALE || entry.status() == EntryStatus.GONE;
            if (stopped && wasAlive.contains(entry.id())) {
                onStale.accept(entry);
            }
        }
    }
}
