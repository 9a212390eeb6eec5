package io.wmon.agent.runtime;

import io.wmon.core.record.WorkerState;
import io.wmon.core.redis.SharedPool;
import io.wmon.mbeans.MBeanRegistrar;
import io.wmon.mbeans.ObjectNames;
import io.wmon.mbeans.RedisPoolMBean;
import io.wmon.mbeans.WorkerMBean;
import io.wmon.mbeans.WorkerSnapshot;
import java.util.function.Supplier;

/**
 * The agent's MBeans, registered together and unregistered together: Worker and RedisPool.
 *
 * <p>The Worker bean reads the snapshot the agent published last ({@link SnapshotPublisher}), so a
 * getter never waits on Redis.
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

    static AgentBeans register(Supplier<WorkerSnapshot> snapshots, SharedPool pool) {
        MBeanRegistrar registrar = new MBeanRegistrar();
        WorkerMBean worker = new WorkerMBean(snapshots);
        RedisPoolMBean redisPool = new RedisPoolMBean(pool);
        registrar.register(ObjectNames.worker(), worker);
        registrar.register(ObjectNames.redisPool(pool.clientName()), redisPool);
        return new AgentBeans(registrar, worker, redisPool);
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
