package io.wmon.cli;

import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.heartbeat.HeartbeatWriter;
import io.wmon.core.record.WorkerRecord;
import io.wmon.core.record.WorkerRecordBuilder;
import io.wmon.core.record.WorkerState;
import io.wmon.core.redis.PoolSettings;
import io.wmon.core.redis.RedisEndpoint;
import io.wmon.core.redis.SharedPool;
import io.wmon.core.redis.SharedPoolRegistry;
import java.util.Map;
import java.util.function.Consumer;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * Writes worker records into a test server the way the agent does (core's {@link HeartbeatWriter}).
 *
 * <p>Each write leases the JVM's shared pool and releases it before returning: the registry keys
 * pools by endpoint, so a lease held while {@code wmon} runs in-process would lend the command
 * this pool (and its name) instead of the command's own {@code wmon:cli:} connection.
 */
public final class TestFleet {

    private final String url;
    private final FleetKeys keys;

    public TestFleet(String url, String namespace) {
        this.url = url;
        this.keys = FleetKeys.of(namespace);
    }

    public FleetKeys keys() {
        return keys;
    }

    /**
     * A record with every field a table shows that the agent writes today, beating at
     * {@code beatMillis} every 5 s. Like the agent's, it has no {@code breaker} and no socket census
     * ({@code redis_sockets}, {@code app_sockets}, {@code local_ports}); a test that needs them sets
     * them, as a record written by something else would.
     */
    public static WorkerRecordBuilder worker(String id, long beatMillis, WorkerState state) {
        return WorkerRecord.builder().id(id).host("host-" + id).pid(1000 + Math.abs(id.hashCode() % 9000))
                .startedMillis(beatMillis - 60_000).beatMillis(beatMillis).intervalMillis(5_000).state(state)
                .job(state == WorkerState.BUSY ? "job-" + id : "").processedCount(120).failedCount(3)
                .poolActive(1).poolIdle(2).poolWaiters(0).poolMaxTotal(4).redisRoundTripMicros(350);
    }

    /** Writes each record with one heartbeat. */
    public void write(WorkerRecord... records) {
        withPool(pool -> {
            HeartbeatWriter writer = new HeartbeatWriter(pool, keys);
            for (WorkerRecord record : records) {
                writer.write(record);
            }
        });
    }

    /** Writes the record, then deletes its hash: the registry member is left, as after expiry. */
    public void writeGone(WorkerRecord record) {
        write(record);
        admin(jedis -> jedis.del(keys.worker(record.id())));
    }

    /** Registers {@code id} with a hash the codec rejects ({@code beat} is no number). */
    public void writeInvalid(String id, long scoreMillis) {
        admin(jedis -> {
            jedis.hset(keys.worker(id), Map.of("v", "1", "id", id, "beat", "yesterday", "interval", "5000",
                    "state", "idle"));
            jedis.pexpire(keys.worker(id), 60_000);
            jedis.zadd(keys.workers(), scoreMillis, id);
        });
    }

    /** Runs {@code action} on a plain connection of the default user, opened and closed around it. */
    public void admin(Consumer<Jedis> action) {
        admin(url, action);
    }

    public static void admin(String url, Consumer<Jedis> action) {
        RedisEndpoint endpoint = RedisEndpoint.parse(url);
        try (Jedis jedis = new Jedis(new HostAndPort(endpoint.host(), endpoint.port()),
                DefaultJedisClientConfig.builder().clientName("wmon-test-admin").build())) {
            action.accept(jedis);
        }
    }

    private void withPool(Consumer<SharedPool> action) {
        try (SharedPool pool = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(url), "wmon:test:writer",
                PoolSettings.defaults().withMaxTotal(1))) {
            action.accept(pool);
        }
    }
}
