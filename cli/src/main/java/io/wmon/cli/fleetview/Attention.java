package io.wmon.cli.fleetview;

import io.wmon.core.fleet.EntryStatus;
import io.wmon.core.fleet.FleetSnapshot;
import io.wmon.core.fleet.WorkerEntry;
import io.wmon.core.record.BreakerState;
import io.wmon.core.record.WorkerRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Why a worker whose beat is fine still needs a look, for the NOTE column and for listing it with
 * the problems: its record says the circuit breaker is {@code OPEN}, its shared pool is exhausted,
 * the connection-leak alarm is raised ({@code leak=1}; noted first after the breaker, in capitals, with the
 * record's socket counts), or fields of the record could not be read.
 *
 * <p>The pool is <em>exhausted</em> when threads wait for it ({@code pool_waiters > 0}) or every
 * connection is borrowed ({@code pool_active >= pool_max}, the agent sampling before it borrows
 * its own). In a {@code --continuous} view it is also exhausted when {@code pool_exhausted}, a
 * counter since the worker started, grew since the previous read; its value alone says nothing
 * about now. An empty breaker is unknown, not closed, and never a problem; {@code HALF_OPEN} is
 * noted but is not one either (it is how a breaker recovers), as for {@code status --check}.
 */
public final class Attention {

    private final boolean tracksGrowth;
    private FleetSnapshot observed;
    private Map<String, Long> exhaustedBefore = Map.of();
    private Map<String, Long> exhaustedNow = Map.of();

    private Attention(boolean tracksGrowth) {
        this.tracksGrowth = tracksGrowth;
    }

    /** For one read: no growth to measure. */
    public static Attention once() {
        return new Attention(false);
    }

    /** For a refresh loop: also notes {@code pool_exhausted} growing between two reads. */
    public static Attention continuous() {
        return new Attention(true);
    }

    /**
     * Takes the counters of {@code snapshot}, the whole fleet as read; growth is measured between
     * the last two snapshots observed. Observing the same snapshot again (a redraw) changes nothing.
     */
    public void observe(FleetSnapshot snapshot) {
        if (!tracksGrowth || snapshot == observed) {
            return;
        }
        observed = snapshot;
        Map<String, Long> counts = new HashMap<>(snapshot.workerCount() * 4 / 3 + 1);
        for (WorkerEntry entry : snapshot.workers()) {
            WorkerRecord r = entry.record();
            if (r != null && r.poolExhaustedCount() >= 0) {
                counts.put(entry.id(), r.poolExhaustedCount());
            }
        }
        exhaustedBefore = exhaustedNow;
        exhaustedNow = counts;
    }

    /** Whether an alive worker needs a look; stale, gone and invalid entries are problems of their own. */
    public boolean needed(WorkerEntry entry) {
        WorkerRecord r = entry.record();
        return entry.status() == EntryStatus.ALIVE && (r.breaker() == BreakerState.OPEN || poolExhausted(r)
                || exhaustedGrowth(entry) > 0 || r.leakAlarm() || !entry.problems().isEmpty());
    }

    /** The notes for an entry with a record, most important first; empty without a record. */
    public List<String> notes(WorkerEntry entry) {
        WorkerRecord r = entry.record();
        if (r == null) {
            return List.of();
        }
        List<String> notes = new ArrayList<>(3);
        if (r.breaker() == BreakerState.OPEN) {
            notes.add("breaker OPEN");
        }
        if (poolExhausted(r)) {
            notes.add("pool exhausted: " + r.poolActive() + "/" + r.poolMaxTotal() + " in use"
                    + (r.poolWaiters() > 0 ? ", " + r.poolWaiters() + " waiting" : ""));
        }
        long growth = exhaustedGrowth(entry);
        if (growth > 0) {
            notes.add("pool exhausted " + growth + "x since the last read");
        }
        if (r.leakAlarm()) {
            notes.add(leakNote(r));
        }
        notes.addAll(entry.problems());
        if (r.breaker() == BreakerState.HALF_OPEN) {
            notes.add("breaker HALF_OPEN");
        }
        return notes;
    }

    /** {@code LEAK ALARM: 43 Redis sockets, 42 the application's}; the counts only where the record has them. */
    static String leakNote(WorkerRecord r) {
        if (r.redisSocketCount() < 0) {
            return "LEAK ALARM";
        }
        return "LEAK ALARM: " + r.redisSocketCount() + " Redis sockets"
                + (r.appRedisSocketCount() < 0 ? "" : ", " + r.appRedisSocketCount() + " the application's");
    }

    /** Threads wait for the shared pool, or all of it is borrowed. */
    static boolean poolExhausted(WorkerRecord r) {
        return r.poolWaiters() > 0 || (r.poolMaxTotal() > 0 && r.poolActive() >= r.poolMaxTotal());
    }

    /** How much {@code pool_exhausted} grew since the previous read; 0 when unknown or after a restart. */
    private long exhaustedGrowth(WorkerEntry entry) {
        if (!tracksGrowth || entry.record() == null) {
            return 0;
        }
        Long before = exhaustedBefore.get(entry.id());
        long now = entry.record().poolExhaustedCount();
        return before == null || now < before ? 0 : now - before;
    }
}
