package io.wmon.agent.fleet;

import io.wmon.core.event.EventType;
import io.wmon.core.event.FleetEvent;
import io.wmon.core.fleet.EntryStatus;
import io.wmon.core.fleet.FleetReader;
import io.wmon.core.fleet.FleetSnapshot;
import io.wmon.core.fleet.WorkerEntry;
import io.wmon.core.record.WorkerState;
import io.wmon.core.redis.RedisUnavailableException;
import io.wmon.core.upkeep.FleetUpkeep;
import io.wmon.mbeans.FleetView;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The latest {@link FleetView}, published through one reference: replaced by each read of the
 * whole fleet ({@link #refresh()}, on the refresher's thread) and, between reads, by the events the
 * stream follower hands it ({@link #apply}, on the follower's thread).
 *
 * <p>{@link #get()} is what the Fleet MBean's getters call: it returns the published view at once
 * and tells the demand hook that someone wants the fleet. Events that arrive while a read is in
 * flight are applied again on top of that read, so a read that saw a worker before its change
 * does not undo the change.
 */
final class FleetCache implements Supplier<FleetView> {

    private final FleetReader reader;
    private final FleetUpkeep upkeep;
    private volatile FleetView view = FleetView.nothingRead();
    private volatile Runnable onDemand = () -> { };
    private volatile Consumer<WorkerEntry> onStale = entry -> { };
    // Set once an ACL refused a read: further reads would only feed the breaker the heartbeats share.
    private volatile boolean refused;
    // Guarded by this: the events applied since the read in flight started; null when none is.
    private List<FleetEvent> duringRead;
    private long reads;

    /**
     * @param reader reads the namespace over the agent's shared pool
     * @param upkeep what every reader does after a read: stale and down events once per episode, pruning
     */
    FleetCache(FleetReader reader, FleetUpkeep upkeep) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.upkeep = Objects.requireNonNull(upkeep, "upkeep");
    }

    /**
     * Connects the hooks (the bean and the refresher are built after the cache).
     *
     * @param demand hears that the view was asked for
     * @param stale called for each worker that was alive in the view and is now reported stale or gone
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

    /**
     * Reads the whole fleet once and publishes it; a failed read keeps the old view and names why.
     * After an ACL refused a read, no read is tried again (the view says so in its read error).
     */
    void refresh() {
        if (refused) {
            return;
        }
        synchronized (this) {
            reads++;
            duringRead = new ArrayList<>();
        }
        FleetSnapshot snapshot;
        String failure = null;
        try {
            snapshot = upkeep.afterRead(reader.read());
        } catch (RedisUnavailableException e) {
            snapshot = null;
            failure = e.getMessage();
            if (e.reason() == RedisUnavailableException.Reason.PERMISSION_DENIED) {
                refused = true;
                failure += "; the Fleet MBean reads no more";
            }
        } catch (RuntimeException e) {
            // IllegalStateException says why in one line; anything else
            // (a pool closed under the read at stop) must not end the fleet thread's task silently either.
            snapshot = null;
            failure = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        synchronized (this) {
            List<FleetEvent> meanwhile = duringRead;
            duringRead = null;
            FleetView before = view;
            if (snapshot == null) {
                view = before.failed(failure, reads);
                return;
            }
            FleetView read = FleetView.of(snapshot, reads);
            read = read.with(snapshot.withChanges(changes(meanwhile)));
            view = read;
            if (before.snapshot() != null) {
                notifyStale(before.snapshot(), read.snapshot());
            }
        }
    }

    /**
     * Applies events read from the stream to the published view: a state change, a worker reported
     * stale, a worker gone. An {@code up} (a worker the view may not list yet) asks for a read.
     */
    synchronized void apply(List<FleetEvent> events) {
        FleetView before = view;
        if (before.snapshot() == null) {
            return; // nothing read yet: the first read will show it all
        }
        if (duringRead != null) {
            duringRead.addAll(events);
        }
        Set<String> listed = new HashSet<>();
        before.snapshot().workers().forEach(entry -> listed.add(entry.id()));
        boolean unknownWorker = false;
        for (FleetEvent event : events) {
            unknownWorker |= event.type() == EventType.UP || !listed.contains(event.worker());
        }
        FleetSnapshot snapshot = before.snapshot().withChanges(changes(events));
        view = before.with(snapshot);
        notifyStale(before.snapshot(), snapshot);
        if (unknownWorker) {
            onDemand.run();
        }
    }

    /** What {@code events} say of each worker, later events over earlier ones; one pass, one map. */
    private static Map<String, FleetSnapshot.Change> changes(List<FleetEvent> events) {
        Map<String, FleetSnapshot.Change> changes = new HashMap<>();
        for (FleetEvent event : events) {
            FleetSnapshot.Change change = change(event);
            if (change != null) {
                changes.merge(event.worker(), change, FleetSnapshot.Change::then);
            }
        }
        return changes;
    }

    private static FleetSnapshot.Change change(FleetEvent event) {
        switch (event.type()) {
            case STATE:
                Optional<WorkerState> to = WorkerState.fromWire(event.to());
                return to.isPresent() ? FleetSnapshot.Change.of(to.get(), null) : null;
            case STALE:
                return FleetSnapshot.Change.of(null, EntryStatus.STALE);
            case DOWN:
                // An agent that stops says to=stopped; a reader that found the record expired says nothing of its state.
                return FleetSnapshot.Change.of(WorkerState.fromWire(event.to()).orElse(null), EntryStatus.GONE);
            default:
                return null;
        }
    }

    private void notifyStale(FleetSnapshot before, FleetSnapshot now) {
        if (before == now) {
            return;
        }
        Set<String> wasAlive = new HashSet<>();
        for (WorkerEntry entry : before.workers()) {
            if (entry.status() == EntryStatus.ALIVE) {
                wasAlive.add(entry.id());
            }
        }
        for (WorkerEntry entry : now.workers()) {
            boolean stopped = entry.status() == EntryStatus.STALE || entry.status() == EntryStatus.GONE;
            boolean leftCleanly = entry.record() != null && entry.record().state() == WorkerState.STOPPED;
            if (stopped && !leftCleanly && wasAlive.contains(entry.id())) {
                onStale.accept(entry);
            }
        }
    }
}
