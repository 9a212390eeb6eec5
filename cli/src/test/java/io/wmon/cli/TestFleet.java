package io.wmon.cli;

import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.heartbeat.HeartbeatWriter;
import io.wmon.core.record.WorkerRecord;
import io.wmon.core.record.WorkerRecordBuilder;
import io.wmon.core.record.WorkerRecordCodec;
import io.wmon.core.record.WorkerState;
import io.wmon.core.redis.RedisEndpoint;
import java.util.Map;
import java.util.function.Consumer;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * Writes worker records into a test server the way the agent does (the record codec, the
 * heartbeat's keys and expiry), on plain connections of its own.
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

    /**
     * Writes each record as one whole heartbeat does ({@code HSET} every field, {@code PEXPIRE},
     * {@code ZADD}), on a plain connection of its own: a lease on the JVM's shared pool would share
     * the pool, and its circuit breaker, with a {@code wmon} command running in-process.
     */
    public void write(WorkerRecord... records) {
        admin(jedis -> {
            for (WorkerRecord record : records) {
                String key = keys.worker(record.id());
                jedis.hset(key, WorkerRecordCodec.encode(record));
                jedis.pexpire(key, HeartbeatWriter.ttlMillis(record.intervalMillis()));
                jedis.zadd(keys.workers(), record.beatMillis(), record.id());
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
}
