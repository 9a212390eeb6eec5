package io.wmon.cli.training;

import io.wmon.cli.Wmon;
import io.wmon.cli.command.demo.RedisServerBinary;
import io.wmon.cli.command.demo.StartedRedis;
import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.record.BreakerState;
import io.wmon.core.record.WorkerRecord;
import io.wmon.core.record.WorkerRecordCodec;
import io.wmon.core.record.WorkerState;
import io.wmon.core.redis.RedisEndpoint;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Map;
import picocli.CommandLine;
import redis.clients.jedis.Jedis;

/**
 * The training run behind {@code cli/target/wmon.jsa}, the class-data archive {@code bin/wmon} passes
 * to the JVM: the build runs this class once with {@code -XX:DumpLoadedClassList}, then archives
 * every class the run loaded with {@code -Xshare:dump}. So that those are the classes a real {@code status} loads
 * (the read, the record codec, the JSON and table writers), it reads a small fleet from a
 * {@code redis-server} of its own (from the PATH, else the one this jar carries for {@code demo}), on
 * a free loopback port, never one it did not start; then, as before, a {@code status} against a
 * closed port (the unreachable path). Output is discarded; a Redis that cannot start leaves the
 * second part only. Never run by users: {@code java -cp wmon.jar io.wmon.cli.training.ArchiveTraining}.
 */
public final class ArchiveTraining {

    private static final String NAMESPACE = "training";

    private ArchiveTraining() {
    }

    public static void main(String[] args) {
        try (StartedRedis redis = StartedRedis.start(RedisServerBinary.locate())) {
            seed(redis.url());
            run("-r", redis.url(), "-n", NAMESPACE, "status", "--json");
            run("-r", redis.url(), "-n", NAMESPACE, "status");
        } catch (RuntimeException noRedis) {
            System.err.println("training without a Redis: " + noRedis.getMessage());
        }
        run("-r", "redis://127.0.0.1:1", "status", "--json");
    }

    /** One worker of each kind a read tells apart: alive busy and idle, stale, gone, invalid. */
    private static void seed(String url) {
        RedisEndpoint endpoint = RedisEndpoint.parse(url);
        FleetKeys keys = FleetKeys.of(NAMESPACE);
        long now = System.currentTimeMillis();
        try (Jedis jedis = new Jedis(endpoint.host(), endpoint.port())) {
            write(jedis, keys, record("busy-1", WorkerState.BUSY, now), now);
            write(jedis, keys, record("idle-1", WorkerState.IDLE, now), now);
            write(jedis, keys, record("stale-1", WorkerState.IDLE, now - 60_000), now - 60_000);
            jedis.zadd(keys.workers(), now - 60_000, "gone-1");
            jedis.hset(keys.worker("invalid-1"), Map.of("v", "1", "id", "invalid-1"));
            jedis.zadd(keys.workers(), now, "invalid-1");
        }
    }

    private static void write(Jedis jedis, FleetKeys keys, WorkerRecord record, long beatMillis) {
        jedis.hset(keys.worker(record.id()), WorkerRecordCodec.encode(record));
        jedis.zadd(keys.workers(), beatMillis, record.id());
    }

    private static WorkerRecord record(String id, WorkerState state, long beatMillis) {
        return WorkerRecord.builder().id(id).host("training.example").pid(4242).startedMillis(beatMillis - 60_000)
                .beatMillis(beatMillis).intervalMillis(5_000).state(state).job(state == WorkerState.BUSY ? "job-1" : "")
                .processedCount(12).failedCount(1).agentVersion("0").javaVersion("17").heapUsedBytes(1_000_000)
                .heapMaxBytes(4_000_000).threadCount(20).cpuLoad(0.5).poolActive(1).poolIdle(1).poolWaiters(0)
                .poolMaxTotal(4).poolExhaustedCount(0).appPoolCount(1).appActiveConnections(1)
                .appIdleConnections(1).pubSubOpen(false).redisRoundTripMicros(300).breaker(BreakerState.CLOSED)
                .label("team", "training").redisSocketCount(5).appRedisSocketCount(1).leakAlarm(false).build();
    }

    private static void run(String... args) {
        CommandLine commandLine = Wmon.commandLine(args);
        commandLine.setOut(new PrintWriter(Writer.nullWriter()));
        commandLine.setErr(new PrintWriter(Writer.nullWriter()));
        commandLine.execute(args);
    }
}
