package io.wmon.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.core.record.WorkerState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerStateTrackerTest {

    private final List<String> changes = new ArrayList<>();
    private final WorkerStateTracker tracker =
            new WorkerStateTracker((from, to, job) -> changes.add(from.wire() + ">" + to.wire() + ":" + job));

    @Test
    void startsAsStartingAndBecomesIdleAfterTheFirstBeat() {
        assertThat(tracker.state()).isEqualTo(WorkerState.STARTING);

        tracker.startedUp();
        tracker.startedUp();

        assertThat(tracker.state()).isEqualTo(WorkerState.IDLE);
        assertThat(changes).containsExactly("starting>idle:");
    }

    @Test
    void jobsMoveStateAndCounters() {
        tracker.onBusy("j1");
        tracker.onJobSucceeded();
        tracker.onBusy("j2");
        tracker.onJobFailed();
        tracker.onPaused();

        assertThat(tracker.processedCount()).isEqualTo(1);
        assertThat(tracker.failedCount()).isEqualTo(1);
        assertThat(tracker.state()).isEqualTo(WorkerState.PAUSED);
        assertThat(changes).containsExactly("starting>busy:j1", "busy>idle:", "idle>busy:j2", "busy>idle:",
                "idle>paused:");
    }

    @Test
    void theSameStateTwiceIsNoChange() {
        tracker.onBusy("j1");
        tracker.onBusy("j1");

        assertThat(changes).hasSize(1);
    }

    @Test
    void nothingMovesAStoppingWorkerBack() {
        tracker.onBusy("j1");
        tracker.stopping();
        tracker.onIdle();
        tracker.startedUp();

        assertThat(tracker.state()).isEqualTo(WorkerState.STOPPING);
    }
}
