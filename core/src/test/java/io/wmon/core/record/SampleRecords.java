package io.wmon.core.record;

import java.util.List;
import java.util.Map;

/** Records for tests: one with every field set to a distinctive value. */
public final class SampleRecords {

    private SampleRecords() {
    }

    /** Every field set, none at its default, labels and ports exercising the escaping. */
    public static WorkerRecord full(String id, long beatMillis) {
        return WorkerRecord.builder()
                .id(id).host("host-a.example").pid(4242).startedMillis(beatMillis - 60_000)
                .beatMillis(beatMillis).intervalMillis(5_000).state(WorkerState.BUSY).job("job-17")
                .processedCount(1234).failedCount(5).agentVersion("0.1.0").javaVersion("17.0.15")
                .heapUsedBytes(123_456_789L).heapMaxBytes(4_294_967_296L).threadCount(42).cpuLoad(0.125)
                .poolActive(1).poolIdle(2).poolWaiters(3).poolMaxTotal(4).poolExhaustedCount(6)
                .appPoolCount(2).appActiveConnections(7).appIdleConnections(8).pubSubOpen(true)
                .redisRoundTripMicros(350).breaker(BreakerState.HALF_OPEN)
                .labels(Map.of("team", "payments")).label("query", "a=b;c\\d")
                .redisSocketCount(11).appRedisSocketCount(9).localPorts(List.of(50001, 50002, 65535))
                .leakAlarm(true)
                .build();
    }

    /** Only the required fields. */
    public static WorkerRecord minimal(String id, long beatMillis, long intervalMillis, WorkerState state) {
        return WorkerRecord.builder().id(id).beatMillis(beatMillis).intervalMillis(intervalMillis).state(state).build();
    }
}
