package io.wmon.mbeans;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkerSnapshotTest {

    static WorkerSnapshot full() {
        return WorkerSnapshot.builder().id("host-a-4242").namespace("orders").host("host-a").pid(4242).state("busy")
                .currentJob("job-17").startedAtMillis(1_700_000_000_000L).lastHeartbeatMillis(1_700_000_005_000L)
                .heartbeatCount(12).heartbeatFailureCount(1).jobsProcessedCount(340).jobsFailedCount(3)
                .redisRoundTripMicros(250).redisAvailable(true).appPoolCount(2).appActiveConnections(5)
                .appIdleConnections(7).redisSocketCount(14).appRedisSocketCount(12).redisSocketPeak(19)
                .truncatedValueCount(2).eventsDroppedCount(6).build();
    }

    @Test
    void anEmptyBuilderKnowsNothing() {
        WorkerSnapshot s = WorkerSnapshot.builder().build();
        assertThat(s).isEqualTo(WorkerSnapshot.UNKNOWN);
        assertThat(s.id()).isEmpty();
        assertThat(s.namespace()).isEmpty();
        assertThat(s.host()).isEmpty();
        assertThat(s.currentJob()).isEmpty();
        assertThat(s.state()).isEqualTo("starting");
        assertThat(s.redisAvailable()).isFalse();
        assertThat(new long[] {s.pid(), s.startedAtMillis(), s.lastHeartbeatMillis(), s.heartbeatCount(),
                s.heartbeatFailureCount(), s.jobsProcessedCount(), s.jobsFailedCount(), s.redisRoundTripMicros(),
                s.truncatedValueCount(), s.eventsDroppedCount()})
                .containsOnly(-1L);
        assertThat(new int[] {s.appPoolCount(), s.appActiveConnections(), s.appIdleConnections(),
                s.redisSocketCount(), s.appRedisSocketCount(), s.redisSocketPeak()}).containsOnly(-1);
    }

    @Test
    void nullTextsBecomeEmptyAndANullStateIsStarting() {
        WorkerSnapshot s = full().toBuilder().id(null).namespace(null).host(null).currentJob(null).state(null).build();
        assertThat(s.id()).isEmpty();
        assertThat(s.namespace()).isEmpty();
        assertThat(s.host()).isEmpty();
        assertThat(s.currentJob()).isEmpty();
        assertThat(s.state()).isEqualTo(WorkerSnapshot.STARTING);
    }

    @Test
    void toBuilderCopiesEveryValueAndLeavesTheOriginalAlone() {
        WorkerSnapshot original = full();
        assertThat(original.toBuilder().build()).isEqualTo(original).hasSameHashCodeAs(original);

        WorkerSnapshot next = original.toBuilder().state("idle").currentJob(null).jobsProcessedCount(341).build();

        assertThat(original.state()).isEqualTo("busy");
        assertThat(original.jobsProcessedCount()).isEqualTo(340);
        assertThat(next.state()).isEqualTo("idle");
        assertThat(next.currentJob()).isEmpty();
        assertThat(next).isNotEqualTo(original);
        assertThat(next.toBuilder().state("busy").currentJob("job-17").jobsProcessedCount(340).build()).isEqualTo(original);
    }

    @Test
    void toStringNamesTheWorkerAndItsState() {
        assertThat(full().toString()).contains("orders/host-a-4242", "busy", "job=job-17");
    }
}
