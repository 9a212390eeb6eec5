package io.wmon.agent.runtime;

import io.wmon.agent.census.LeakEvent;
import io.wmon.agent.census.LeakListener;
import io.wmon.core.record.WorkerState;
import io.wmon.core.redis.RedisTopology;
import io.wmon.core.redis.SharedPool;
import io.wmon.mbeans.CircuitBreakerMBean;
import io.wmon.mbeans.FleetMBean;
import io.wmon.mbeans.MBeanRegistrar;
import io.wmon.mbeans.ObjectNames;
import io.wmon.mbeans.RedisPoolMBean;
import io.wmon.mbeans.WorkerMBean;
import io.wmon.mbeans.WorkerSnapshot;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.management.ObjectName;

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
    private final SharedPool pool;
    /** The node beans registered now, by {@code host:port}; touched by the heartbeat thread only. */
    private final Map<String, ObjectName> nodeBeans = new HashMap<>();

    private AgentBeans(MBeanRegistrar registrar, WorkerMBean worker, RedisPoolMBean redisPool,
            CircuitBreakerMBean breaker, SharedPool pool) {
        this.pool = pool;
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
        return new AgentBeans(registrar, worker, redisPool, breaker, pool);
    }

    /**
     * For a Sentinel or Cluster endpoint, registers a {@code RedisPool} bean for each node the pool has
     * found since the last call and unregisters those of nodes it no longer has (Sentinel's old master
     * after a failover); reads the pool's memory only. Called on every beat.
     */
    void syncNodeBeans() {
        if (pool.topology() == RedisTopology.STANDALONE) {
            return;
        }
        Set<String> nodes = pool.nodeNames();
        for (Iterator<Map.Entry<String, ObjectName>> it = nodeBeans.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, ObjectName> bean = it.next();
            if (!nodes.contains(bean.getKey())) {
                registrar.unregister(bean.getValue());
                it.remove();
            }
        }
        for (String node : nodes) {
            if (!nodeBeans.containsKey(node)) {
                ObjectName name = ObjectNames.redisPoolNode(pool.clientName(), node);
                if (registrar.register(name, new RedisPoolMBean(pool, node))) {
                    nodeBeans.put(node, name);
                }
            }
        }
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
