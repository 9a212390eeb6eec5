package io.wmon.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.core.event.EventType;
import io.wmon.core.event.FleetEvent;
import io.wmon.core.record.WorkerState;
import io.wmon.mbeans.Description;
import io.wmon.mbeans.WorkerMXBean;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent's waiting events: one state event per window, bounded, the drops counted. */
class PendingEventsTest {

    private final PendingEvents pending = new PendingEvents("w-1");

    private static FleetEvent breaker(long ts) {
        return FleetEvent.of(EventType.BREAKER, "w-1", "CLOSED", "OPEN", ts, "cause");
    }

    @Test
    void oneChangeIsOneEventWithItsJob() {
        pending.stateChanged(WorkerState.IDLE, WorkerState.BUSY, "job-1", 10);

        assertThat(pending.drain()).containsExactly(
                FleetEvent.of(EventType.STATE, "w-1", "idle", "busy", 10, "job-1"));
        assertThat(pending.isEmpty()).isTrue();
    }

    @Test
    void changesWithinOneWindowAreOneEventSayingHowManyFromTheFirstToTheLast() {
        for (int i = 0; i < 5_000; i++) {
            pending.stateChanged(WorkerState.IDLE, WorkerState.BUSY, "job-" + i, i);
            pending.stateChanged(WorkerState.BUSY, WorkerState.IDLE, "", i);
        }
        pending.stateChanged(WorkerState.IDLE, WorkerState.BUSY, "job-last", 99_999);

        List<FleetEvent> events = pending.drain();

        assertThat(events).containsExactly(
                FleetEvent.of(EventType.STATE, "w-1", "idle", "busy", 99_999, "10001 changes; job job-last"));
        assertThat(pending.droppedCount()).isZero();
    }

    @Test
    void aDrainClosesTheWindowSoTheNextChangeIsANewEvent() {
        pending.stateChanged(WorkerState.IDLE, WorkerState.BUSY, "a", 1);
        pending.drain();
        pending.stateChanged(WorkerState.BUSY, WorkerState.IDLE, "", 2);
        pending.stateChanged(WorkerState.IDLE, WorkerState.PAUSED, "", 3);

        assertThat(pending.drain()).containsExactly(
                FleetEvent.of(EventType.STATE, "w-1", "busy", "paused", 3, "2 changes"));
    }

    @Test
    void beyondCapacityEventsAreDroppedAndCountedButTheLatestStateStillGetsThrough() {
        for (int window = 0; window < PendingEvents.CAPACITY; window++) {
            pending.stateChanged(WorkerState.IDLE, WorkerState.BUSY, "j" + window, window);
            pending.putBack(pending.drain()); // each failed flush closes a window
        }
        assertThat(pending.size()).isEqualTo(PendingEvents.CAPACITY);

        pending.add(breaker(100));
        pending.stateChanged(WorkerState.BUSY, WorkerState.PAUSED, "", 101);

        List<FleetEvent> events = pending.drain();
        assertThat(events).hasSize(PendingEvents.CAPACITY);
        assertThat(pending.droppedCount()).isEqualTo(2);
        assertThat(events.get(events.size() - 1).to()).as("the newest state event took the last change")
                .isEqualTo("paused");
        assertThat(events).noneMatch(e -> e.type() == EventType.BREAKER);
    }

    @Test
    void putBackKeepsTheOldestAheadOfNewerOnesAndDropsTheNewestBeyondCapacity() {
        List<FleetEvent> unsent = List.of(breaker(1), breaker(2));
        pending.add(breaker(3));

        pending.putBack(unsent);

        assertThat(pending.drain()).extracting(FleetEvent::tsMillis).containsExactly(1L, 2L, 3L);
        for (int i = 0; i < PendingEvents.CAPACITY; i++) {
            pending.add(breaker(100 + i));
        }
        pending.putBack(List.of(breaker(0), breaker(1)));
        assertThat(pending.size()).isEqualTo(PendingEvents.CAPACITY);
        assertThat(pending.droppedCount()).isEqualTo(2);
        assertThat(pending.drain().get(0).tsMillis()).isZero();
    }

    @Test
    void theMBeanDescriptionNamesTheCapacity() throws Exception {
        String description = WorkerMXBean.class.getMethod("getEventsDroppedCount").getAnnotation(Description.class)
                .value();

        assertThat(description).contains("(" + PendingEvents.CAPACITY + ")");
    }
}
