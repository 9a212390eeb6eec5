package io.wmon.agent.runtime;

import io.wmon.agent.census.LeakEvent;
import io.wmon.agent.census.LeakListener;
import io.wmon.core.event.EventType;
import io.wmon.core.event.FleetEvent;

/**
 * Turns the leak alarm into {@code leak} events on the fleet's stream: {@code clear → raised} when it
 * goes up and {@code raised → clear} when it goes down, the detail saying why (the counts and the rule).
 * Called on the heartbeat thread after the census and before the beat's write, so the event rides in
 * that beat's pipeline; only queues.
 */
final class LeakEvents implements LeakListener {

    static final String RAISED = "raised";
    static final String CLEAR = "clear";

    private final String worker;
    private final EventOutbox outbox;

    LeakEvents(String worker, EventOutbox outbox) {
        this.worker = worker;
        this.outbox = outbox;
    }

    @Override
    public void raised(LeakEvent event) {
        outbox.add(FleetEvent.of(EventType.LEAK, worker, CLEAR, RAISED, event.atMillis(), event.reason()));
    }

    @Override
    public void cleared(LeakEvent event) {
        outbox.add(FleetEvent.of(EventType.LEAK, worker, RAISED, CLEAR, event.atMillis(), event.reason()));
    }
}
