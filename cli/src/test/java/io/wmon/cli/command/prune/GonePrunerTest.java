package io.wmon.cli.command.prune;

import static io.wmon.cli.TestFleet.worker;
import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.cli.TestFleet;
import io.wmon.core.record.WorkerState;
import io.wmon.core.redis.PoolSettings;
import io.wmon.core.redis.RedisEndpoint;
import io.wmon.core.redis.SharedPool;
import io.wmon.core.redis.SharedPoolRegistry;
import io.wmon.test.RedisServerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GonePrunerTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    /** A worker that beats again between the listing and the removal must stay registered. */
    @Test
    void aWorkerThatCameBackMeanwhileIsKept() {
        TestFleet fleet = new TestFleet(REDIS.url(), "race");
        long now = System.currentTimeMillis();
        fleet.writeGone(worker("returns", now - 90_000, WorkerState.IDLE).build());
        fleet.writeGone(worker("stays-gone", now - 90_000, WorkerState.IDLE).build());
        try (SharedPool pool = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(REDIS.url()), "wmon:test:prune",
                PoolSettings.defaults())) {
            GonePruner pruner = new GonePruner(pool, fleet.keys());
            List<String> gone = pruner.findGone();
            assertThat(gone).containsExactly("returns", "stays-gone");

            new io.wmon.core.heartbeat.HeartbeatWriter(pool, fleet.keys())
                    .write(worker("returns", System.currentTimeMillis(), WorkerState.IDLE).build());

            assertThat(pruner.remove(gone)).containsExactly("stays-gone");
        }
        List<String> members = new ArrayList<>();
        fleet.admin(jedis -> members.addAll(jedis.zrange(fleet.keys().workers(), 0, -1)));
        assertThat(members).containsExactly("returns");
    }

    @Test
    void removesInBatches() {
        TestFleet fleet = new TestFleet(REDIS.url(), "batches");
        List<String> ids = new ArrayList<>();
        fleet.admin(jedis -> {
            for (int i = 0; i < GonePruner.BATCH_SIZE * 2 + 7; i++) {
                String id = String.format("w-%05d", i);
                ids.add(id);
                jedis.zadd(fleet.keys().workers(), 1, id);
            }
        });
        try (SharedPool pool = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(REDIS.url()), "wmon:test:prune",
                PoolSettings.defaults())) {
            GonePruner pruner = new GonePruner(pool, fleet.keys());
            assertThat(pruner.findGone()).isEqualTo(ids);
            assertThat(pruner.remove(ids)).isEqualTo(ids);
        }
        fleet.admin(jedis -> assertThat(jedis.zcard(fleet.keys().workers())).isZero());
    }
}
