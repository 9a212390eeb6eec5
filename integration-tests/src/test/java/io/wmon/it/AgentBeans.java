package io.wmon.it;

import io.wmon.mbeans.CircuitBreakerMXBean;
import io.wmon.mbeans.ObjectNames;
import io.wmon.mbeans.RedisPoolMXBean;
import io.wmon.mbeans.WorkerMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import javax.management.JMException;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

/**
 * The agent's three MBeans in a worker JVM, read over the real JMX connector of the test, and a
 * timer of their getters (a getter must never wait on Redis, whatever Redis does).
 */
final class AgentBeans {

    private final MBeanServerConnection jmx;
    private final ObjectName poolName;
    /** Read round-robin by {@link #timeGetters}: what an APM scrape reads, from all three beans. */
    private final List<Getter> getters;

    /** @param connectionName the agent's connection (and pool) name, {@code wmon:agent:<ns>:<id>} */
    AgentBeans(MBeanServerConnection jmx, String connectionName) {
        this.jmx = jmx;
        this.poolName = ObjectNames.redisPool(connectionName);
        ObjectName worker = ObjectNames.worker();
        ObjectName breaker = ObjectNames.circuitBreaker("redis");
        this.getters = List.of(new Getter(worker, "State"), new Getter(worker, "HeartbeatCount"),
                new Getter(worker, "HeartbeatFailureCount"), new Getter(worker, "LastHeartbeatMillis"),
                new Getter(worker, "RedisRoundTripMicros"), new Getter(worker, "JobsProcessedCount"),
                new Getter(poolName, "Active"), new Getter(poolName, "Idle"), new Getter(poolName, "CreatedCount"),
                new Getter(breaker, "State"), new Getter(breaker, "FailedCallCount"), new Getter(breaker, "DelayMillis"));
    }

    WorkerMXBean worker() {
        return JMX.newMXBeanProxy(jmx, ObjectNames.worker(), WorkerMXBean.class);
    }

    RedisPoolMXBean pool() {
        return JMX.newMXBeanProxy(jmx, poolName, RedisPoolMXBean.class);
    }

    CircuitBreakerMXBean breaker() {
        return JMX.newMXBeanProxy(jmx, ObjectNames.circuitBreaker("redis"), CircuitBreakerMXBean.class);
    }

    ObjectName poolName() {
        return poolName;
    }

    /** Every {@code io.wmon:type=RedisPool,*} registered in the JVM. */
    Set<ObjectName> poolBeans() {
        try {
            return jmx.queryNames(new ObjectName(ObjectNames.DOMAIN + ":type=" + ObjectNames.TYPE_REDIS_POOL + ",*"), null);
        } catch (JMException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the {@code i}-th getter of a round-robin over the three beans (what an APM scrape
     * reads) and returns how long that JMX round trip took, in nanoseconds.
     */
    long timeGetter(int i) {
        Getter getter = getters.get(Math.floorMod(i, getters.size()));
        long start = System.nanoTime();
        getter.read(jmx);
        return System.nanoTime() - start;
    }

    /** One attribute of one bean. */
    private record Getter(ObjectName bean, String attribute) {
        Object read(MBeanServerConnection jmx) {
            try {
                return jmx.getAttribute(bean, attribute);
            } catch (JMException e) {
                throw new IllegalStateException("cannot read " + bean + " " + attribute, e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
