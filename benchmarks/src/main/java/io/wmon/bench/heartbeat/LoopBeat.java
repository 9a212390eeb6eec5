package io.wmon.bench.heartbeat;

import io.wmon.agent.census.SocketCensus;
import io.wmon.agent.metrics.AppPoolCensus;
import io.wmon.agent.metrics.JvmMetrics;
import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.heartbeat.HeartbeatWriter;
import io.wmon.core.record.WorkerRecord;
import io.wmon.core.record.WorkerState;
import io.wmon.core.redis.PoolUsage;
import io.wmon.core.redis.SharedPool;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.Map;
import java.util.Set;
import java.net.UnknownHostException;

/**
 * One heartbeat as the agent's {@code HeartbeatTask.beat()} does it, built from the public classes
 * it uses (the task and its {@code RecordAssembler} are package-private): take the socket census,
 * read the pool's counters, count the application's pools, read the JVM metrics, build the record,
 * and write it with {@link HeartbeatWriter} in one pipelined round trip. Keep in step with those two
 * classes. (The leak alarm's check of a census is a few comparisons and is left out.)
 */
final class LoopBeat implements Runnable {

    final SharedPool pool;
    final JvmMetrics jvm = new JvmMetrics();
    final AppPoolCensus census = new AppPoolCensus(ManagementFactory.getPlatformMBeanServer());
    final SocketCensus sockets;
    private Map<String, String> lastWritten;
    private final HeartbeatWriter writer;
    private final String id;
    private final String host = host();
    private final long pid = ProcessHandle.current().pid();
    private final long started = System.currentTimeMillis();
    private long lastRoundTripMicros = -1;

    LoopBeat(SharedPool pool, String namespace, String id) {
        this.pool = pool;
        this.writer = new HeartbeatWriter(pool, FleetKeys.of(namespace));
        this.sockets = SocketCensus.forAgent(pool.endpoint().host(), pool.endpoint().port(),
                Set.of(pool.endpoint().port(), 6379), pool::openSockets, 5_000);
        this.id = id;
    }

    @Override
    public void run() {
        long now = System.currentTimeMillis();
        if (sockets.due()) {
            sockets.take();
        }
        WorkerRecord record = assemble(now, pool.usage(), census.count());
        long start = System.nanoTime();
        lastWritten = writer.writeChanges(record, lastWritten);
        lastRoundTripMicros = (System.nanoTime() - start) / 1_000;
    }

    /** The record of {@code RecordAssembler.assemble}, for an idle worker. */
    WorkerRecord assemble(long now, PoolUsage stats, AppPoolCensus.AppPools apps) {
        return WorkerRecord.builder()
                .id(id).host(host).pid(pid).startedMillis(started).beatMillis(now).intervalMillis(5_000)
                .state(WorkerState.IDLE).job("").processedCount(0).failedCount(0)
                .agentVersion("bench").javaVersion(System.getProperty("java.version"))
                .heapUsedBytes(jvm.heapUsedBytes()).heapMaxBytes(Math.max(-1, jvm.heapMaxBytes()))
                .threadCount(jvm.threadCount()).cpuLoad(jvm.processCpuLoad())
                .poolActive(stats.active()).poolIdle(stats.idle()).poolWaiters(stats.waiters())
                .poolMaxTotal(stats.maxTotal()).poolExhaustedCount(stats.exhaustedCount())
                .appPoolCount(apps.pools()).appActiveConnections(apps.active()).appIdleConnections(apps.idle())
                .redisRoundTripMicros(lastRoundTripMicros)
                .redisSocketCount(sockets.last().redisSockets())
                .appRedisSocketCount(sockets.last().appSockets())
                .localPorts(sockets.last().localPorts())
                .leakAlarm(false)
                .build();
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
