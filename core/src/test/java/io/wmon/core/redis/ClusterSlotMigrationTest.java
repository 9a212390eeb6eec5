package io.wmon.core.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.fleet.FleetReader;
import io.wmon.core.fleet.FleetSnapshot;
import io.wmon.core.fleet.WorkerEntry;
import io.wmon.core.heartbeat.HeartbeatWriter;
import io.wmon.core.record.WorkerRecord;
import io.wmon.core.record.WorkerState;
import io.wmon.test.topology.RedisClusterExtension;
import io.wmon.test.topology.SlotMove;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisAskDataException;
import redis.clients.jedis.params.XAddParams;

/**
 * A namespace's slot half migrated to another master of a real three-master cluster (the target importing,
 * the source migrating, some keys moved: a resharding under way, as long as it takes): the heartbeat writes
 * and the fleet read, each a pipeline through the shared pool, go on as if nothing moved, where Jedis's own
 * pipeline meets {@code ASK}; nothing fails, so nothing feeds the circuit breaker. Only a command naming keys on
 * both sides fails, with {@code TRYAGAIN}, as Redis answers it until the migration ends.
 */
@Timeout(120)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterSlotMigrationTest {

    @RegisterExtension
    static final RedisClusterExtension CLUSTER = new RedisClusterExtension();

    private static final String NAME = ConnectionNames.cli("slot-migration", 1);
    private static final FleetKeys KEYS = FleetKeys.of("migrating");
    private static final int WORKERS = 40;

    @AfterEach
    void noConnectionOutlivesThePool() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(counts()).allSatisfy(
                (node, count) -> assertThat(count).as("connections named %s on %s", NAME, node).isZero()));
    }

    @Test
    @Order(1)
    void beatsAndTheFleetReadFollowTheKeysOfASlotBeingMigrated() {
        try (SharedPool pool = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(CLUSTER.url()), NAME,
                PoolSettings.defaults())) {
            HeartbeatWriter writer = new HeartbeatWriter(pool, KEYS);
            FleetReader reader = new FleetReader(pool, KEYS, Clock.systemUTC());
            List<String> ids = IntStream.range(0, WORKERS).mapToObj(i -> String.format("w-%02d", i)).collect(Collectors.toList());
            long firstBeat = System.currentTimeMillis() - 10_000;
            ids.forEach(id -> writer.write(record(id, firstBeat)));
            HostAndPort from = CLUSTER.nodeFor(KEYS.workers());
            HostAndPort to = CLUSTER.nodes().stream().filter(node -> !node.equals(from)).findFirst().orElseThrow();

            SlotMove move = CLUSTER.beginSlotMove(CLUSTER.slot(KEYS.workers()), to);
            List<String> movedKeys = new ArrayList<>();
            movedKeys.add(KEYS.workers());
            ids.subList(0, WORKERS / 2).forEach(id -> movedKeys.add(KEYS.worker(id)));
            move.migrate(movedKeys.toArray(String[]::new));

            Throwable jedisOwn = pool.call(client -> {
                try (AbstractPipeline pipeline = client.pipelined()) {
                    Response<Map<String, String>> moved = pipeline.hgetAll(KEYS.worker(ids.get(0)));
                    pipeline.sync();
                    return catchThrowable(moved::get);
                }
            });
            assertThat(jedisOwn).as("Jedis's own pipeline, for a key already moved").isInstanceOf(JedisAskDataException.class);

            // A command naming keys on both sides (the moved registry, a hash on neither) cannot run until the end.
            RedisUnavailableException split = catchThrowableOfType(RedisUnavailableException.class, () -> pool.call(
                    client -> client.eval("return redis.call('ZCARD', KEYS[1])", List.of(KEYS.workers(), KEYS.worker("gone")),
                            List.of())));
            assertThat(split.reason()).isEqualTo(RedisUnavailableException.Reason.NOT_SERVING_NOW);
            assertThat(split).hasMessageStartingWith("Redis at redis-cluster://").hasMessageContaining("cannot serve this now (TRYAGAIN");
            long failedBefore = pool.breaker().failedCallCount();

            // Every worker beats again, half of them on each side, and five new ones arrive (new keys go to the target).
            long secondBeat = firstBeat + 5_000;
            List<String> all = new ArrayList<>(ids);
            IntStream.range(WORKERS, WORKERS + 5).mapToObj(i -> String.format("w-%02d", i)).forEach(all::add);
            all.forEach(id -> writer.write(record(id, secondBeat)));
            Map<HostAndPort, Long> during = counts();
            FleetSnapshot midMove = reader.read();

            assertThat(beats(midMove)).as("read while the slot migrates").hasSize(all.size())
                    .allSatisfy((id, beat) -> assertThat(beat).as(id).isEqualTo(secondBeat));
            assertThat(keysInSlot(from, move.slot()) + keysInSlot(to, move.slot()))
                    .as("each key on one side only").isEqualTo(all.size() + 1L);
            assertThat(keysInSlot(to, move.slot())).as("moved and new keys on the target")
                    .isEqualTo(movedKeys.size() + 5L);

            move.finish();
            // The pool's slot map still names the old owner: the registry read meets MOVED and follows it.
            assertThat(beats(reader.read())).as("read first after the move").hasSize(all.size());
            long thirdBeat = secondBeat + 5_000;
            all.forEach(id -> writer.write(record(id, thirdBeat)));
            assertThat(beats(reader.read())).hasSize(all.size()).allSatisfy((id, beat) -> assertThat(beat).isEqualTo(thirdBeat));
            assertThat(keysInSlot(to, move.slot())).as("every key on the new owner").isEqualTo(all.size() + 1L);
            assertThat(pool.breaker().failedCallCount()).as("calls failed over the move but the split one").isEqualTo(failedBefore);
            assertThat(during).allSatisfy((node, count) -> assertThat(count).as("connections on %s mid-move", node)
                    .isBetween(0L, (long) PoolSettings.defaults().maxTotal()));
            assertThat(during.get(to)).as("the target's connections, for the keys asked there").isPositive();
        }
    }

    @Test
    @Order(2)
    void theStreamConnectionFollowsItsKeyToTheNodeItsSlotMigratesTo() {
        FleetKeys keys = FleetKeys.of("migrating-stream");
        String dedicatedName = ConnectionNames.stream("migrating-stream", "w1");
        try (SharedPool pool = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(CLUSTER.url()), NAME,
                PoolSettings.defaults()); DedicatedConnection stream = pool.openDedicated(dedicatedName, keys.events())) {
            pool.run(client -> client.xadd(keys.events(), XAddParams.xAddParams(), Map.of("e", "before")));
            assertThat(stream.<Long>call(pipeline -> length(pipeline, keys))).isEqualTo(1);
            HostAndPort from = CLUSTER.nodeFor(keys.events());
            HostAndPort to = CLUSTER.nodes().stream().filter(node -> !node.equals(from)).findFirst().orElseThrow();

            SlotMove move = CLUSTER.beginSlotMove(CLUSTER.slot(keys.events()), to);
            move.migrate(keys.events());
            pool.run(client -> client.xadd(keys.events(), XAddParams.xAddParams(), Map.of("e", "moving")));

            assertThat(stream.<Long>call(pipeline -> length(pipeline, keys))).as("read on the target while the slot migrates").isEqualTo(2);
            assertThat(CLUSTER.probe(to).countClients(dedicatedName)).isEqualTo(1);
            assertThat(CLUSTER.probe(from).countClients(dedicatedName)).isZero();
            move.finish();
            assertThat(stream.<Long>call(pipeline -> length(pipeline, keys))).as("read on the new owner").isEqualTo(2);
            assertThat(pool.breaker().failedCallCount()).as("calls failed over the move").isZero();
            assertThat(CLUSTER.probe(to).countClients(dedicatedName)).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> CLUSTER.clientCounts("wmon:stream:").values().stream()
                .allMatch(count -> count == 0));
    }

    /**
     * A scale-out: a master added after the pool found the nodes (so its client has no pool for it: slotless
     * nodes are not in {@code CLUSTER SLOTS}) takes the namespace's slot; the keys asked there go one by one
     * through the client, which makes the node's pool, and the next syncs use that pool.
     */
    @Test
    @Order(3)
    void aMasterAddedAfterThePoolFoundTheNodesTakesTheSlotWhileBeatsGoOn() {
        FleetKeys keys = FleetKeys.of("scale-out");
        try (SharedPool pool = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(CLUSTER.url()), NAME,
                PoolSettings.defaults())) {
            HeartbeatWriter writer = new HeartbeatWriter(pool, keys);
            List<String> ids = IntStream.range(0, 20).mapToObj(i -> "s-" + i).collect(Collectors.toList());
            long firstBeat = System.currentTimeMillis() - 10_000;
            ids.forEach(id -> writer.write(record(id, firstBeat)));
            HostAndPort added = CLUSTER.addMaster();
            assertThat(pool.nodeNames()).as("nodes the pool knows").doesNotContain(added.toString());

            SlotMove move = CLUSTER.beginSlotMove(CLUSTER.slot(keys.workers()), added);
            List<String> movedKeys = new ArrayList<>(List.of(keys.workers()));
            ids.subList(0, 10).forEach(id -> movedKeys.add(keys.worker(id)));
            move.migrate(movedKeys.toArray(String[]::new));
            long secondBeat = firstBeat + 5_000;
            ids.forEach(id -> writer.write(record(id, secondBeat)));
            FleetSnapshot midMove = new FleetReader(pool, keys, Clock.systemUTC()).read();

            assertThat(beats(midMove)).hasSize(ids.size()).allSatisfy((id, beat) -> assertThat(beat).as(id).isEqualTo(secondBeat));
            assertThat(pool.nodeNames()).as("nodes the pool knows after the ASKs").contains(added.toString());
            assertThat(CLUSTER.probe(added).countClients(NAME)).isBetween(1L, (long) PoolSettings.defaults().maxTotal());
            move.finish();
            long thirdBeat = secondBeat + 5_000;
            ids.forEach(id -> writer.write(record(id, thirdBeat)));
            assertThat(beats(new FleetReader(pool, keys, Clock.systemUTC()).read())).hasSize(ids.size())
                    .allSatisfy((id, beat) -> assertThat(beat).isEqualTo(thirdBeat));
            assertThat(keysInSlot(added, move.slot())).as("every key on the new master").isEqualTo(ids.size() + 1L);
            assertThat(pool.breaker().failedCallCount()).as("calls failed over the scale-out").isZero();
        }
    }

    private static long length(AbstractPipeline pipeline, FleetKeys keys) {
        Response<Long> length = pipeline.xlen(keys.events());
        pipeline.sync();
        return length.get();
    }

    private static WorkerRecord record(String id, long beatMillis) {
        return WorkerRecord.builder().id(id).host("h").pid(1).startedMillis(beatMillis - 1_000).beatMillis(beatMillis)
                .intervalMillis(1_000).state(WorkerState.BUSY).job("j").build();
    }

    private static Map<String, Long> beats(FleetSnapshot snapshot) {
        Map<String, Long> beats = new LinkedHashMap<>();
        for (WorkerEntry entry : snapshot.workers()) {
            beats.put(entry.id(), entry.beatMillis());
        }
        return beats;
    }

    private static long keysInSlot(HostAndPort node, int slot) {
        return (Long) CLUSTER.probe(node).command("CLUSTER", "COUNTKEYSINSLOT", Integer.toString(slot));
    }

    private static Map<HostAndPort, Long> counts() {
        return CLUSTER.clientCounts(NAME);
    }
}
