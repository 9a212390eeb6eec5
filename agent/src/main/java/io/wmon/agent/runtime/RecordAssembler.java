package io.wmon.agent.runtime;

import io.wmon.agent.census.LeakAlarm;
import io.wmon.agent.census.SocketCensus;
import io.wmon.agent.census.SocketCount;
import io.wmon.agent.metrics.AppPoolCensus;
import io.wmon.agent.metrics.JvmMetrics;
import io.wmon.core.record.BreakerState;
import io.wmon.core.record.WorkerRecord;
import io.wmon.core.record.WorkerState;
import io.wmon.core.redis.PoolUsage;
import io.wmon.core.redis.RedisBreaker;

/**
 * Builds the worker record of one heartbeat from what the agent knows: identity, reported state,
 * JVM metrics, the shared pool, the application's own pools, and the socket census.
 *
 * <p>{@code breaker} is the state of the endpoint's circuit breaker when the record is built, as a
 * record that lands can say it: a beat that succeeds as the breaker's trial writes {@code HALF_OPEN}
 * (the breaker itself still reads OPEN until that call), the next one {@code CLOSED}. The socket
 * fields are those of the census the beat took just before ({@link SocketCensus#last()}; empty when it
 * is off), and {@code leak} is whether the {@link LeakAlarm} is raised. {@code pubsub} is always
 * {@code 0}, as the agent opens no Pub/Sub connection.
 */
final class RecordAssembler {

    private final WorkerIdentity identity;
    private final WorkerStateTracker tracker;
    private final HeartbeatStats stats;
    private final JvmMetrics jvm;
    private final AppPoolCensus appPools;
    private final RedisBreaker breaker;
    private final SocketCensus sockets;
    private final LeakAlarm leak;

    RecordAssembler(WorkerIdentity identity, WorkerStateTracker tracker, HeartbeatStats stats, JvmMetrics jvm,
            AppPoolCensus appPools, RedisBreaker breaker, SocketCensus sockets, LeakAlarm leak) {
        this.identity = identity;
        this.tracker = tracker;
        this.stats = stats;
        this.jvm = jvm;
        this.appPools = appPools;
        this.breaker = breaker;
        this.sockets = sockets;
        this.leak = leak;
    }

    WorkerRecord assemble(long beatMillis, PoolUsage pool, AppPoolCensus.AppPools apps) {
        WorkerStateTracker.Activity activity = tracker.activity();
        return assemble(beatMillis, activity, activity.state(), pool, apps);
    }

    /** The record of the agent's last write: {@code state} instead of the tracker's. */
    WorkerRecord assembleFinal(long beatMillis, WorkerState state, PoolUsage pool, AppPoolCensus.AppPools apps) {
        return assemble(beatMillis, tracker.activity(), state, pool, apps);
    }

    private WorkerRecord assemble(long beatMillis, WorkerStateTracker.Activity activity, WorkerState state,
            PoolUsage pool, AppPoolCensus.AppPools apps) {
        SocketCount census = sockets.last();
        return WorkerRecord.builder()
                .id(identity.id())
                .host(identity.host())
                .pid(identity.pid())
                .startedMillis(identity.startedMillis())
                .beatMillis(beatMillis)
                .intervalMillis(identity.intervalMillis())
                .state(state)
                .job(state == WorkerState.BUSY ? activity.job() : "")
                .processedCount(activity.processed())
                .failedCount(activity.failed())
                .agentVersion(identity.agentVersion())
                .javaVersion(identity.javaVersion())
                .heapUsedBytes(jvm.heapUsedBytes())
                .heapMaxBytes(Math.max(-1, jvm.heapMaxBytes()))
                .threadCount(jvm.threadCount())
                .cpuLoad(jvm.processCpuLoad())
                .poolActive(pool.active())
                .poolIdle(pool.idle())
                .poolWaiters(pool.waiters())
                .poolMaxTotal(pool.maxTotal())
                .poolExhaustedCount(pool.exhaustedCount())
                .appPoolCount(apps.pools())
                .appActiveConnections(apps.active())
                .appIdleConnections(apps.idle())
                .redisRoundTripMicros(stats.lastRoundTripMicros())
                .breaker(landedBreakerState())
                .redisSocketCount(census.redisSockets())
                .appRedisSocketCount(census.appSockets())
                .localPorts(census.localPorts())
                .leakAlarm(leak.raised())
                .build();
    }

    /**
     * The breaker as a record that reaches Redis can say it: a record built while the breaker reads
     * OPEN lands only as the breaker's trial (an open breaker refuses every other call), so it says
     * HALF_OPEN; OPEN in Redis would call a worker unhealthy for an interval after every outage.
     */
    private BreakerState landedBreakerState() {
        RedisBreaker.State state = breaker.state();
        return state == RedisBreaker.State.OPEN ? BreakerState.HALF_OPEN : BreakerState.valueOf(state.name());
    }

    AppPoolCensus.AppPools countAppPools() {
        return appPools.count();
    }
}
