package io.wmon.agent.runtime;

import io.wmon.core.event.EventType;
import io.wmon.core.event.FleetEvent;
import io.wmon.core.redis.RedisBreaker;
import java.time.Duration;
import java.util.Locale;

/**
 * Turns the breaker's changes into events: one {@code breaker} event {@code CLOSED → OPEN} when it
 * opens (detail: the failure that opened it), and one {@code HALF_OPEN → CLOSED} when it closes
 * again (detail: how long it stayed open and how many trials failed meanwhile). The re-openings
 * after failed trials belong to the same outage and make no event of their own, so a long outage
 * costs two events, not one per trial.
 *
 * <p>Runs on the thread of the call that changed the breaker (the agent's); only queues.
 */
final class BreakerEvents implements RedisBreaker.Listener {

    private final String worker;
    private final EventOutbox outbox;
    private final Runnable writeSoon;
    private long openedAtMillis = -1;
    private int failedTrials;

    BreakerEvents(String worker, EventOutbox outbox, Runnable writeSoon) {
        this.worker = worker;
        this.outbox = outbox;
        this.writeSoon = writeSoon;
    }

    @Override
    public synchronized void opened(String cause, Duration delay) {
        if (openedAtMillis >= 0) {
            failedTrials++;
            return;
        }
        openedAtMillis = System.currentTimeMillis();
        failedTrials = 0;
        outbox.add(FleetEvent.of(EventType.BREAKER, worker, RedisBreaker.State.CLOSED.name(),
                RedisBreaker.State.OPEN.name(), openedAtMillis, cause));
        writeSoon.run();
    }

    @Override
    public synchronized void closed() {
        if (openedAtMillis < 0) {
            return;
        }
        long now = System.currentTimeMillis();
        String detail = "open for " + seconds(now - openedAtMillis) + ", " + failedTrials + " failed trial"
                + (failedTrials == 1 ? "" : "s");
        openedAtMillis = -1;
        outbox.add(FleetEvent.of(EventType.BREAKER, worker, RedisBreaker.State.HALF_OPEN.name(),
                RedisBreaker.State.CLOSED.name(), now, detail));
        writeSoon.run();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
