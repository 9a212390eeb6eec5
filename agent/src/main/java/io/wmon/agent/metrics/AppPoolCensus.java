package io.wmon.agent.metrics;

import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The application's own commons-pool pools (its Jedis pools among them), found through the MBeans
 * commons-pool registers: {@code org.apache.commons.pool2:type=GenericObjectPool,*} and the same
 * under {@code org.apache.commons.pool3}.
 *
 * <p>The agent's own pool registers no such MBean, so everything counted here belongs to the
 * application. A pool that disappears between the query and the read is skipped.
 */
public final class AppPoolCensus {

    // Built at run time: the shaded jar relocates string constants that start with a relocated
    // package name, and these domains must keep naming the application's unrelocated commons-pool.
    private static final ObjectName[] PATTERNS = {
        name(String.join(".", "org", "apache", "commons", "pool2") + ":type=GenericObjectPool,*"),
        name(String.join(".", "org", "apache", "commons", "pool3") + ":type=GenericObjectPool,*"),
    };

    private final MBeanServer server;

    public AppPoolCensus(MBeanServer server) {
        this.server = server;
    }

    /** Counts pools and sums their active and idle objects right now. */
    public AppPools count() {
        long pools = 0;
        long active = 0;
        long idle = 0;
        for (ObjectName pattern : PATTERNS) {
            Set<ObjectName> names = server.queryNames(pattern, null);
            for (ObjectName pool : names) {
                try {
                    long a = ((Number) server.getAttribute(pool, "NumActive")).longValue();
                    long i = ((Number) server.getAttribute(pool, "NumIdle")).longValue();
                    pools++;
                    active += a;
                    idle += i;
                } catch (JMException | RuntimeException gone) {
                    // Closed while we looked, or not a pool after all: not counted.
                }
            }
        }
        return new AppPools(pools, active, idle);
    }

    private static ObjectName name(String pattern) {
        try {
            return new ObjectName(pattern);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One census: pools, and their active and idle objects (connections, for Jedis pools). */
    public static final class AppPools {
        private final long pools;
        private final long active;
        private final long idle;

        AppPools(long pools, long active, long idle) {
            this.pools = pools;
            this.active = active;
            this.idle = idle;
        }

        public long pools() {
            return pools;
        }

        public long active() {
            return active;
        }

        public long idle() {
            return idle;
        }
    }
}
