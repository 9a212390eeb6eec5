package io.wmon.agent.runtime;

import io.wmon.core.event.AppendBatch;
import io.wmon.core.event.AppendResult;
import io.wmon.core.event.EventAppender;
import io.wmon.core.event.FleetEvent;
import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.record.WorkerState;
import io.wmon.core.redis.RedisUnavailableException;
import io.wmon.core.redis.SharedPool;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;

/**
 * The worker's events on their way to {@code wmon:{NS}:events}: queued by whoever notices them
 * (application threads for state changes, the breaker, the heartbeat) and written by the agent's
 * thread, either in a round trip of their own ({@link #flush}) or riding in the heartbeat's pipeline
 * ({@link #ride}).
 *
 * <p>What could not be written goes back into {@link PendingEvents} and is tried with the next write;
 * what Redis refused (an ACL without {@code XADD}) is dropped, counted and logged once. Never throws
 * into its caller, never blocks an application thread.
 */
final class EventOutbox {

    private static final Logger LOG = LoggerFactory.getLogger(EventOutbox.class);

    private final PendingEvents pending;
    private final EventAppender appender;
    private volatile boolean refusalLogged;
    // Set when a write of its own failed to reach Redis; cleared by the next heartbeat that lands. Meanwhile
    // the events wait for the beats, so an outage costs Redis one attempt per beat, not one per 50 ms, and
    // a frozen Redis does not hold the agent's thread with event writes while beats are due.
    private volatile boolean waitingForBeat;
    private volatile Consumer<String> writeFailed = cause -> { };

    EventOutbox(String workerId, FleetKeys keys) {
        this.pending = new PendingEvents(workerId);
        this.appender = new EventAppender(keys);
    }

    /** Who hears, on the agent's thread, that a write of its own failed to reach Redis (the outage log). */
    void onWriteFailure(Consumer<String> hook) {
        this.writeFailed = hook;
    }

    /** Queues {@code event}; any thread. */
    void add(FleetEvent event) {
        pending.add(event);
    }

    /** Queues a change of state, coalesced with the others of the window; any thread. */
    void stateChanged(WorkerState from, WorkerState to, String job, long atMillis) {
        pending.stateChanged(from, to, job, atMillis);
    }

    /** Whether events wait to be written. */
    boolean hasWaiting() {
        return !pending.isEmpty();
    }

    /** Events dropped since the agent started (queue full, or refused by Redis). */
    long droppedCount() {
        return pending.droppedCount();
    }

    /** Writes every waiting event in one round trip of its own; on the agent's thread. */
    void flush(SharedPool pool) {
        if (waitingForBeat) {
            return;
        }
        List<FleetEvent> events = pending.drain();
        if (events.isEmpty()) {
            return;
        }
        try {
            settle(appender.append(pool, events), pool);
        } catch (RedisUnavailableException e) {
            // The heartbeat logs outages; the events wait for the next beat, which carries them when it lands.
            waitingForBeat = true;
            pending.putBack(events);
            writeFailed.accept(e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("wmon agent: could not write events: {}", e.toString());
            pending.putBack(events);
        }
    }

    /** A heartbeat reached Redis: writes of their own may be tried again. */
    void beatLanded() {
        waitingForBeat = false;
    }

    /** Whether event writes of their own wait for a heartbeat to land (the last one failed). */
    boolean waitingForBeat() {
        return waitingForBeat;
    }

    /** The waiting events, to ride in another pipeline (the heartbeat's, the final write's). */
    Ride ride(SharedPool pool) {
        return new Ride(pending.drain(), pool);
    }

    private void settle(AppendResult result, SharedPool pool) {
        pending.putBack(result.unconfirmed());
        if (result.refusedCount() > 0) {
            pending.dropped(result.refusedCount());
            if (!refusalLogged) {
                refusalLogged = true;
                String user = pool.endpoint().user() != null ? pool.endpoint().user() : "default";
                LOG.warn("wmon agent: Redis at {} refused the worker's events ({}); they are not written, and"
                        + " counted in EventsDroppedCount; grant the user {} +xadd", pool.endpoint().redacted(),
                        oneLine(result.refusal()), user);
            }
        }
    }

    private static String oneLine(String text) {
        String line = String.valueOf(text);
        int end = line.indexOf('\n');
        return (end < 0 ? line : line.substring(0, end)).trim();
    }

    /**
     * Events riding in another pipeline: {@link #accept} queues their appends on it, {@link #settle()}
     * reads the replies once that pipeline has been sent, whether it succeeded or not.
     */
    final class Ride implements Consumer<AbstractPipeline> {
        private final List<FleetEvent> events;
        private final SharedPool pool;
        private AppendBatch batch;

        private Ride(List<FleetEvent> events, SharedPool pool) {
            this.events = events;
            this.pool = pool;
        }

        @Override
        public void accept(AbstractPipeline pipeline) {
            if (!events.isEmpty()) {
                batch = appender.appendAll(pipeline, events);
            }
        }

        /** Settles the ride: unconfirmed events go back, refused ones are counted. Call once, after the write. */
        void settle() {
            if (events.isEmpty()) {
                return;
            }
            if (batch == null) {
                pending.putBack(events); // the write failed before its pipeline was built
                return;
            }
            EventOutbox.this.settle(batch.result(), pool);
        }
    }
}
