package io.wmon.agent.runtime;

import io.wmon.agent.census.LeakEvent;
import io.wmon.agent.census.LeakListener;
import io.wmon.core.record.WorkerState;
import io.wmon.core.redis.SharedPool;
import io.wmon.mbeans.CircuitBreakerMBean;
import io.wmon.mbeans.FleetMBean;
import io.wmon.mbeans.MBeanRegistrar;
import io.wmon.mbeans.ObjectNames;
import io.wmon.mbeans.RedisPoolMBean;
import io.wmon.mbeans.WorkerMBean;
import io.wmon.mbeans.WorkerSnapshot;
import java.util.function.Supplier;

/**
 * The agent's MBeans, registered together and unregistered together: Worker, RedisPool,
 * CircuitBreaker, and Fleet with {@code fleet=true}.
 *
 * <p>The Worker bean reads the snapshot the agent published last ({@link SnapshotPublisher}), so a
 * getter never waits on Redis.
 */
final class AgentBeans {

    /** The {@code name} of the agent's breaker bean: {@code io.wmon:type=CircuitBreaker,name=redis}. */
    static final String BREAKER_NAME = "redis";

    private final MBeanRegistrar registrar;
    private final WorkerMBean worker;
    private final RedisPoolMBean redisPool;
    private final CircuitBreakerMBean breaker;

    private AgentBeans(MBeanRegistrar registrar, WorkerMBean worker, RedisPoolMBean redisPool,
            CircuitBreakerMBean breaker) {
        this.registrar = registrar;
        this.worker = worker;
        this.redisPool = redisPool;
        this.breaker = breaker;
    }

    /**
     * @param fleet the Fleet MBean to register at {@code io.wmon:type=Fleet,namespace=<namespace>};
     *     null without {@code fleet=true}
     */
    static AgentBeans register(Supplier<WorkerSnapshot> snapshots, SharedPool pool, FleetMBean fleet, String namespace) {
        MBeanRegistrar registrar = new MBeanRegistrar();
        WorkerMBean worker = new WorkerMBean(snapshots);
        RedisPoolMBean redisPool = new RedisPoolMBean(pool);
        registrar.register(ObjectNames.worker(), worker);
        registrar.register(ObjectNames.redisPool(pool.clientName()), redisPool);
        CircuitBreakerMBean breaker = new CircuitBreakerMBean(pool.breaker(), pool.endpoint().redacted());
        if (registrar.register(ObjectNames.circuitBreaker(BREAKER_NAME), breaker)) {
            breaker.listen();
        }
        if (fleet != null) {
            registrar.register(ObjectNames.fleet(namespace), fleet);
        }
        return new AgentBeans(registrar, worker, redisPool, breaker);
    }

    void stateChanged(WorkerState from, WorkerState to, String job) {
        worker.stateChanged(from.wire(), to.wire(), job);
    }

    /** Sends the Worker bean's {@code io.wmon.connections.leak} notification when the alarm is raised or cleared. */
    LeakListener leakNotifier() {
        return new LeakListener() {
            @Override
            public void raised(LeakEvent event) {
                notify(event);
            }

            @Override
            public void cleared(LeakEvent event) {
                notify(event);
            }

            private void notify(LeakEvent event) {
                worker.connectionLeak(event.raised(), event.sockets().redisSockets(), event.sockets().appSockets(),
                        event.threshold(), event.reason());
            }
        };
    }

    void poolExhausted(long exhaustedCount) {
        redisPool.poolExhausted(exhaustedCount);
    }

    void unregister() {
        breaker.stopListening();
        registrar.unregisterAll();
    }
}
