package io.wmon.bench.floor;

import io.wmon.bench.Args;
import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.record.BreakerState;
import io.wmon.core.record.WorkerRecord;
import io.wmon.core.record.WorkerRecordCodec;
import io.wmon.core.record.WorkerState;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Writes {@code --workers} full worker records (every schema v1 field, encoded by the agent's own
 * {@link WorkerRecordCodec}) and their registry members into namespace {@code --namespace}, as that
 * many agents' first beats would: beats within the last few seconds, one worker in ten busy,
 * pipelined in batches of 1,000. The workers say they beat every {@code --interval-seconds} (600),
 * so that the fleet stays alive (younger than 3 intervals) for a whole benchmark run with no writer
 * running beside the readers; each hash expires after an hour ({@code PEXPIRE}).
 *
 * <p>Usage: {@code java -cp cli/target/wmon.jar:benchmarks/target/wmon-benchmarks.jar
 * io.wmon.bench.floor.FleetFill --host 127.0.0.1 --port PORT [--namespace bench] [--workers 10000]
 * [--interval-seconds 600]}.
 * It deletes the namespace's registry first; point it only at a Redis started for it.
 */
public final class FleetFill {

    private static final long TTL_MILLIS = 3_600_000;

    private FleetFill() {
    }

    public static void main(String[] argv) {
        Args args = Args.parse(argv);
        FleetKeys keys = FleetKeys.of(args.get("namespace", "bench"));
        int workers = args.integer("workers", 10_000);
        long intervalMillis = args.integer("interval-seconds", 600) * 1_000L;
        long now = System.currentTimeMillis();
        try (Jedis jedis = new Jedis(args.get("host", "127.0.0.1"), args.integer("port", 6379))) {
            jedis.del(keys.workers());
            Pipeline pipeline = jedis.pipelined();
            for (int i = 0; i < workers; i++) {
                WorkerRecord record = record(String.format("worker-%06d", i), i, now - i % 3_000, intervalMillis);
                String key = keys.worker(record.id());
                pipeline.hset(key, WorkerRecordCodec.encode(record));
                pipeline.pexpire(key, TTL_MILLIS);
                pipeline.zadd(keys.workers(), record.beatMillis(), record.id());
                if (i % 1_000 == 999) {
                    pipeline.sync();
                }
            }
            pipeline.sync();
            System.out.println("workers in " + keys.workers() + ": " + jedis.zcard(keys.workers()));
        }
    }

    /** A record with every field set, like an agent's first full beat (sizes of a real one: about 600 bytes). */
    private static WorkerRecord record(String id, int i, long beatMillis, long intervalMillis) {
        boolean busy = i % 10 == 0;
        return WorkerRecord.builder()
                .id(id).host("worker-host-" + (i % 500) + ".example.internal").pid(10_000 + i % 50_000)
                .startedMillis(beatMillis - 3_600_000).beatMillis(beatMillis).intervalMillis(intervalMillis)
                .state(busy ? WorkerState.BUSY : WorkerState.IDLE).job(busy ? "job-" + (1_000_000 + i) : "")
                .processedCount(100_000 + i).failedCount(i % 97).agentVersion("0.1.0-SNAPSHOT")
                .javaVersion("17.0.15").heapUsedBytes(123_456_789L + i).heapMaxBytes(4_294_967_296L)
                .threadCount(42).cpuLoad(0.125).poolActive(1).poolIdle(2).poolWaiters(0).poolMaxTotal(4)
                .poolExhaustedCount(0).appPoolCount(2).appActiveConnections(7).appIdleConnections(8)
                .pubSubOpen(false).redisRoundTripMicros(350).breaker(BreakerState.CLOSED)
                .label("team", "payments").label("region", "eu-west-1").label("tier", "batch")
                .redisSocketCount(11).appRedisSocketCount(6)
                .localPorts(List.of(50001, 50002, 50003, 50004, 50005, 50006)).leakAlarm(false)
                .build();
    }
}
