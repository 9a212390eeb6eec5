package io.wmon.agent.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.ListenerNotFoundException;
import javax.management.MBeanServer;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerNotification;
import javax.management.MalformedObjectNameException;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;

/**
 * The application's own commons-pool pools (its Jedis pools among them), found through the MBeans
 * commons-pool registers: {@code org.apache.commons.pool2:type=GenericObjectPool,*} and the same
 * under {@code org.apache.commons.pool3}.
 *
 * <p>The pools are found once, then followed through the MBean server's registration
 * notifications, so that a heartbeat only reads the pools' two attributes and never searches the
 * whole MBean registry. The agent's own pool registers no such MBean, so everything counted here
 * belongs to the application. {@link #close()} stops listening.
 */
public final class AppPoolCensus implements AutoCloseable {

    // Built at run time: the shaded jar relocates string constants that start with a relocated
    // package name, and these domains must keep naming the application's unrelocated commons-pool.
    private static final ObjectName[] PATTERNS = {
        name(String.join(".", "org", "apache", "commons", "pool2") + ":type=GenericObjectPool,*"),
        name(String.join(".", "org", "apache", "commons", "pool3") + ":type=GenericObjectPool,*"),
    };

    private final MBeanServer server;
    private final Set<ObjectName> pools = ConcurrentHashMap.newKeySet();
    private final NotificationListener listener = this::registrationChanged;
    private final boolean listening;

    public AppPoolCensus(MBeanServer server) {
        this.server = server;
        this.listening = listen();
        // After the listener is in place, so that no pool registered in between is missed.
        findAll();
    }

    /** Counts pools and sums their active and idle objects right now. */
    public AppPools count() {
        if (!listening) {
            findAll();
        }
        long counted = 0;
        long active = 0;
        long idle = 0;
        for (ObjectName pool : pools) {
            try {
                long a = ((Number) server.getAttribute(pool, "NumActive")).longValue();
                long i = ((Number) server.getAttribute(pool, "NumIdle")).longValue();
                counted++;
                active += a;
                idle += i;
            } catch (InstanceNotFoundException gone) {
                pools.remove(pool);
            } catch (JMException | RuntimeException notAPool) {
                // Closed while we looked, or not a pool after all: not counted.
            }
        }
        return new AppPools(counted, active, idle);
    }

    @Override
    public void close() {
        if (listening) {
            try {
                server.removeNotificationListener(MBeanServerDelegate.DELEGATE_NAME, listener);
            } catch (InstanceNotFoundException | ListenerNotFoundException alreadyGone) {
                // Nothing to undo.
            }
        }
        pools.clear();
    }

    private boolean listen() {
        try {
            server.addNotificationListener(MBeanServerDelegate.DELEGATE_NAME, listener, null, null);
            return true;
        } catch (InstanceNotFoundException | RuntimeException e) {
            return false;
        }
    }

    private void findAll() {
        for (ObjectName pattern : PATTERNS) {
            pools.addAll(server.queryNames(pattern, null));
        }
    }

    private void registrationChanged(Notification notification, Object handback) {
        if (!(notification instanceof MBeanServerNotification)) {
            return;
        }
        ObjectName name = ((MBeanServerNotification) notification).getMBeanName();
        if (!isPool(name)) {
            return;
        }
        if (MBeanServerNotification.REGISTRATION_NOTIFICATION.equals(notification.getType())) {
            pools.add(name);
        } else if (MBeanServerNotification.UNREGISTRATION_NOTIFICATION.equals(notification.getType())) {
            pools.remove(name);
        }
    }

    private static boolean isPool(ObjectName name) {
        for (ObjectName pattern : PATTERNS) {
            if (pattern.apply(name)) {
                return true;
            }
        }
        return false;
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
