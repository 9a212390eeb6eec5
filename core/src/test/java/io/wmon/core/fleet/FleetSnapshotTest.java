package io.wmon.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.core.heartbeat.HeartbeatWriter;
import io.wmon.core.record.SampleRecords;
import io.wmon.core.record.WorkerState;
import io.wmon.core.redis.PoolSettings;
import io.wmon.core.redis.RedisEndpoint;
import io.wmon.core.redis.SharedPool;
import io.wmon.core.redis.SharedPoolRegistry;
import io.wmon.test.RedisServerExtension;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every state is counted among alive workers, and a filtered snapshot counts what it kept. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FleetSnapshotTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final FleetKeys KEYS = FleetKeys.of("snapshot");
    private static final long NOW = 1_767_225_600_000L;

    private static FleetSnapshot read() {
        try (SharedPool pool = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(REDIS.url()), "wmon:test:snapshot",
                PoolSettings.defaults())) {
            HeartbeatWriter writer = new HeartbeatWriter(pool, KEYS);
            int i = 0;
            for (WorkerState state : WorkerState.values()) {
                writer.write(SampleRecords.minimal("alive-" + state.wire(), NOW - 1_000, 5_000, state));
                writer.write(SampleRecords.minimal("old-" + (i++), NOW - 60_000, 5_000, state));
            }
            return new FleetReader(pool, KEYS, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC)).read();
        }
    }

    @Test
    void countsEveryStateOfTheContractAmongAliveWorkersOnly() {
        FleetSnapshot snapshot = read();

        assertThat(snapshot.aliveCount()).isEqualTo(6);
        assertThat(snapshot.staleCount()).isEqualTo(6);
        for (WorkerState state : WorkerState.values()) {
            assertThat(snapshot.stateCount(state)).as(state.wire()).isEqualTo(1);
        }
        assertThat(snapshot.busyCount()).isEqualTo(1);
        assertThat(snapshot.idleCount()).isEqualTo(1);
    }

    @Test
    void aFilteredSnapshotKeepsOrderTimeAndCountsOnlyWhatItKept() {
        FleetSnapshot snapshot = read();

        FleetSnapshot stale = snapshot.filter(entry -> entry.status() == EntryStatus.STALE);

        assertThat(stale.workerCount()).isEqualTo(6);
        assertThat(stale.aliveCount()).isZero();
        assertThat(stale.stateCount(WorkerState.PAUSED)).isZero();
        assertThat(stale.generatedAtMillis()).isEqualTo(snapshot.generatedAtMillis());
        assertThat(stale.workers()).extracting(WorkerEntry::id).isSorted();
        assertThat(snapshot.filter(entry -> true)).isSameAs(snapshot);
    }
}
