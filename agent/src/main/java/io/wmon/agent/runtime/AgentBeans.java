package io.wmon.agent.runtime;

import io.wmon.agent.metrics.AppPoolCensus;
import io.wmon.core.record.WorkerState;
import io.wmon.core.redis.SharedPool;
import io.wmon.mbeans.MBeanRegistrar;
import io.wmon.mbeans.ObjectNames;
import io.wmon.mbeans.RedisPoolMBean;
import io.wmon.mbeans.WorkerMBean;
import io.wmon.mbeans.WorkerSnapshot;

/**
 * The agent's MBeans, registered together and unregistered together: Worker and RedisPool.
 *
 * <p>The Worker bean reads a snapshot built on demand from in-memory state (the tracker, the
 * heartbeat statistics, the last application-pool census), so a getter never waits on Redis.
 */
final class AgentBeans {

    private final MBeanRegistrar registrar;
    private final WorkerMBean worker;
    private final RedisPoolMBean redisPool;

    private AgentBeans(MBeanRegistrar registrar, WorkerMBean worker, RedisPoolMBean redisPool) {
        this.registrar = registrar;
        this.worker = worker;
        this.redisPool = redisPool;
    }

    static AgentBeans register(WorkerIdentity identity, WorkerStateTracker tracker, HeartbeatStats stats,
            HeartbeatTask heartbeat, SharedPool pool) {
        MBeanRegistrar registrar = new MBeanRegistrar();
        WorkerMBean worker = new WorkerMBean(() -> snapshot(identity, tracker, stats, heartbeat));
        RedisPoolMBean redisPool = new RedisPoolMBean(pool);
        registrar.register(ObjectNames.worker(), worker);
        registrar.register(ObjectNames.redisPool(pool.clientName()), redisPool);
        return new AgentBeans(registrar, worker, redisPool);
    }

    private static WorkerSnapshot snapshot(WorkerIdentity identity, WorkerStateTracker tracker,
            HeartbeatStats stats, HeartbeatTask heartbeat) {
        AppPoolCensus.AppPools apps = heartbeat.lastAppPools();
        WorkerState state = tracker.state();
        return WorkerSnapshot.builder()
                .id(identity.id())
                .namespace(identity.namespace())
                .host(identity.host())
                .pid(identity.pid())
                .state(state.wire())
                .currentJob(state == WorkerState.BUSY ? tracker.job() : "")
                .startedAtMillis(identity.startedMillis())
                .lastHeartbeatMillis(stats.lastBeatMillis())
                .heartbeatCount(stats.beatCount())
                .heartbeatFailureCount(stats.failureCount())
                .jobsProcessedCount(tracker.processedCount())
                .jobsFailedCount(tracker.failedCount())
                .redisRoundTripMicros(stats.lastRoundTripMicros())
                .redisAvailable(stats.redisAvailable())
                .appPoolCount(apps == null ? -1 : (int) apps.pools())
                .appActiveConnections(apps == null ? -1 : (int) apps.active())
                .appIdleConnections(apps == null ? -1 : (int) apps.idle())
                .redisSocketCount(-1)
                .appRedisSocketCount(-1)
                .build();
    }

    void stateChanged(WorkerState from, WorkerState to, String job) {
        worker.stateChanged(from.wire(), to.wire(), job);
    }

    void poolExhausted(long exhaustedCount) {
        redisPool.poolExhausted(exhaustedCount);
    }

    void unregister() {
        registrar.unregisterAll();
    }
}
