package io.wmon.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.wmon.api.spi.StatusListener;
import io.wmon.api.spi.StatusListeners;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkerStatusTest {

    private final List<String> calls = new ArrayList<>();
    private final StatusListener recorder = new StatusListener() {
        @Override
        public void onBusy(String jobId) {
            calls.add("busy:" + jobId);
        }

        @Override
        public void onIdle() {
            calls.add("idle");
        }

        @Override
        public void onJobSucceeded() {
            calls.add("ok");
        }

        @Override
        public void onJobFailed() {
            calls.add("failed");
        }

        @Override
        public void onPaused() {
            calls.add("paused");
        }
    };

    @AfterEach
    void uninstall() {
        StatusListeners.uninstall(recorder);
    }

    @Test
    void withoutAnAgentEveryCallIsANoOp() {
        assertThat(WorkerStatus.isAgentPresent()).isFalse();
        assertThatCode(() -> {
            WorkerStatus.busy("job-1");
            WorkerStatus.jobSucceeded();
            WorkerStatus.jobFailed();
            WorkerStatus.idle();
            WorkerStatus.paused();
        }).doesNotThrowAnyException();
    }

    @Test
    void callsReachTheInstalledListener() {
        StatusListeners.install(recorder);

        WorkerStatus.busy("job-1");
        WorkerStatus.jobSucceeded();
        WorkerStatus.busy(null);
        WorkerStatus.jobFailed();
        WorkerStatus.paused();
        WorkerStatus.idle();

        assertThat(WorkerStatus.isAgentPresent()).isTrue();
        assertThat(calls).containsExactly("busy:job-1", "ok", "busy:", "failed", "paused", "idle");
    }

    @Test
    void aFailingListenerNeverReachesTheApplication() {
        StatusListeners.install(new StatusListener() {
            @Override
            public void onBusy(String jobId) {
                throw new IllegalStateException("agent bug");
            }

            @Override
            public void onIdle() {
            }

            @Override
            public void onJobSucceeded() {
            }

            @Override
            public void onJobFailed() {
            }

            @Override
            public void onPaused() {
            }
        });
        try {
            assertThatCode(() -> WorkerStatus.busy("x")).doesNotThrowAnyException();
        } finally {
            StatusListeners.install(null);
        }
    }

    @Test
    void uninstallOnlyRemovesItsOwnListener() {
        StatusListeners.install(recorder);
        StatusListeners.uninstall(new WorkerStatusTest().recorder);

        assertThat(StatusListeners.current()).isSameAs(recorder);
    }
}
