package io.wmon.agent.runtime;

import io.wmon.core.event.EventType;
import io.wmon.core.event.FleetEvent;
import io.wmon.core.record.WorkerState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The worker's events waiting for their write: at most {@value #CAPACITY}, with the state changes
 * of one flush window coalesced into one event.
 *
 * <p>A window runs from one {@link #drain()} to the next (the agent drains at most every 50 ms, and
 * at every beat): the first state change of a window opens a {@code state} event, later ones move its
 * {@code to}, its time and its count ({@code detail} says how many changes it covers), so that an
 * application changing state thousands of times a second makes at most one event per window. While
 * Redis cannot be reached the events that could not be written come back ({@link #putBack}); beyond
 * {@value #CAPACITY} the newest are dropped and counted, except that a state change then moves the
 * newest waiting state event instead (counted as dropped too), so the latest state still gets through.
 * Called from application threads and the agent's thread; every method holds the lock only for a few
 * field updates, never across I/O.
 */
final class PendingEvents {

    /** Events that wait at most; beyond it they are dropped and counted. */
    static final int CAPACITY = 32;

    private final String worker;
    /** {@link FleetEvent}s and {@link StateRun}s, oldest first. */
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private StateRun window;
    /** The state runs behind the events of the last drain, so that those put back stay runs. */
    private final Map<FleetEvent, StateRun> lastDrain = new IdentityHashMap<>();
    private long dropped;

    PendingEvents(String worker) {
        this.worker = worker;
    }

    /** Queues an event, or counts it dropped when {@value #CAPACITY} are waiting. */
    synchronized void add(FleetEvent event) {
        if (queue.size() >= CAPACITY) {
            dropped++;
            return;
        }
        queue.addLast(event);
    }

    /** A change of state at {@code atMillis}; {@code job} is the job id when {@code to} is busy, else {@code ""}. */
    synchronized void stateChanged(WorkerState from, WorkerState to, String job, long atMillis) {
        if (window != null) {
            window.then(to, job, atMillis);
            return;
        }
        if (queue.size() >= CAPACITY) {
            StateRun newest = newestRun();
            if (newest != null) {
                newest.then(to, job, atMillis);
            }
            dropped++;
            return;
        }
        window = new StateRun(from, to, job, atMillis);
        queue.addLast(window);
    }

    /** Takes every waiting event, oldest first, and closes the window: the next state change opens a new event. */
    synchronized List<FleetEvent> drain() {
        List<FleetEvent> events = new ArrayList<>(queue.size());
        lastDrain.clear();
        for (Object waiting : queue) {
            if (waiting instanceof StateRun) {
                FleetEvent event = ((StateRun) waiting).event(worker);
                lastDrain.put(event, (StateRun) waiting);
                events.add(event);
            } else {
                events.add((FleetEvent) waiting);
            }
        }
        queue.clear();
        window = null;
        return events;
    }

    /**
     * Puts back events of the last drain whose write failed, ahead of those queued since (a state event goes
     * back as the run it came from, so a later change beyond capacity can still move it); the newest beyond
     * capacity are dropped.
     */
    synchronized void putBack(List<FleetEvent> unsent) {
        for (int i = unsent.size() - 1; i >= 0; i--) {
            FleetEvent event = unsent.get(i);
            StateRun run = lastDrain.get(event);
            queue.addFirst(run != null ? run : event);
        }
        lastDrain.clear();
        while (queue.size() > CAPACITY) {
            if (queue.removeLast() == window) {
                window = null;
            }
            dropped++;
        }
    }

    /** Counts {@code count} events as dropped (Redis refused them). */
    synchronized void dropped(int count) {
        dropped += count;
    }

    /** Events dropped since the agent started. */
    synchronized long droppedCount() {
        return dropped;
    }

    synchronized int size() {
        return queue.size();
    }

    synchronized boolean isEmpty() {
        return queue.isEmpty();
    }

    private StateRun newestRun() {
        Iterator<Object> newestFirst = queue.descendingIterator();
        while (newestFirst.hasNext()) {
            Object waiting = newestFirst.next();
            if (waiting instanceof StateRun) {
                return (StateRun) waiting;
            }
        }
        return null;
    }

    /** The state changes of one window: from the first one's {@code from} to the last one's {@code to}. */
    private static final class StateRun {
        private final WorkerState from;
        private WorkerState to;
        private String job;
        private long atMillis;
        private int changes;

        StateRun(WorkerState from, WorkerState to, String job, long atMillis) {
            this.from = from;
            this.to = to;
            this.job = job;
            this.atMillis = atMillis;
            this.changes = 1;
        }

        void then(WorkerState next, String nextJob, long at) {
            to = next;
            job = nextJob;
            atMillis = at;
            changes++;
        }

        /** One change: the job id, if any; several: {@code "<n> changes"} and the last job, if any. */
        FleetEvent event(String worker) {
            String detail = changes == 1 ? job : changes + " changes" + (job.isEmpty() ? "" : "; job " + job);
            return FleetEvent.of(EventType.STATE, worker, from.wire(), to.wire(), atMillis, detail);
        }
    }
}
