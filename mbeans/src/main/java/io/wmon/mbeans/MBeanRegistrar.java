package io.wmon.mbeans;

import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers wmon MBeans and later unregisters exactly the ones it registered, newest first.
 *
 * <p>It never throws into the host application: a name already taken (say, by a second agent
 * instance in the same JVM) is left to its owner with a warning, and any other JMX failure
 * becomes one warning line naming the MBean. Monitoring must not stop a worker. Thread-safe.
 * Like HikariCP's {@code handleMBeans}, it is called once on start and once on stop.
 */
public final class MBeanRegistrar implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MBeanRegistrar.class);

    private final MBeanServer server;
    private final Deque<ObjectName> registered = new ArrayDeque<>();

    /** A registrar for the platform MBeanServer, where JConsole, VisualVM and APM agents look. */
    public MBeanRegistrar() {
        this(ManagementFactory.getPlatformMBeanServer());
    }

    /** A registrar for {@code server}; tests pass a fresh {@code MBeanServerFactory.newMBeanServer()}. */
    public MBeanRegistrar(MBeanServer server) {
        this.server = Objects.requireNonNull(server, "server");
    }

    /**
     * Registers {@code mbean} under {@code name} unless the name is taken.
     *
     * @return whether this call registered it; false when the name was taken or JMX refused (logged)
     */
    public synchronized boolean register(ObjectName name, Object mbean) {
        try {
            if (server.isRegistered(name)) {
                warnTaken(name);
                return false;
            }
            server.registerMBean(mbean, name);
            registered.push(name);
            LOG.debug("registered MBean {}", name);
            return true;
        } catch (InstanceAlreadyExistsException e) {
            // Someone registered it between the check and our call.
            warnTaken(name);
            return false;
        } catch (JMException | RuntimeException e) {
            LOG.warn("wmon: could not register MBean {}: {}; monitoring continues without it", name, describe(e));
            LOG.debug("registering MBean {} failed", name, e);
            return false;
        }
    }

    /** Unregisters {@code name} if this registrar registered it; failures are logged. */
    public synchronized void unregister(ObjectName name) {
        if (!registered.remove(name)) {
            return;
        }
        try {
            server.unregisterMBean(name);
            LOG.debug("unregistered MBean {}", name);
        } catch (JMException | RuntimeException e) {
            LOG.warn("wmon: could not unregister MBean {}: {}", name, describe(e));
        }
    }

    /** The names this registrar registered and has not unregistered yet, oldest first. */
    public synchronized List<ObjectName> registeredNames() {
        List<ObjectName> names = new ArrayList<>(registered);
        Collections.reverse(names);
        return names;
    }

    /**
     * Unregisters every MBean this registrar registered, in reverse order of registration. Names
     * registered by anyone else stay. Failures are logged; calling it again does nothing.
     */
    public synchronized void unregisterAll() {
        while (!registered.isEmpty()) {
            ObjectName name = registered.pop();
            try {
                server.unregisterMBean(name);
                LOG.debug("unregistered MBean {}", name);
            } catch (JMException | RuntimeException e) {
                LOG.warn("wmon: could not unregister MBean {}: {}", name, describe(e));
                LOG.debug("unregistering MBean {} failed", name, e);
            }
        }
    }

    /** Same as {@link #unregisterAll()}. */
    @Override
    public void close() {
        unregisterAll();
    }

    /** JMX wraps argument errors in exceptions without a message of their own; show the cause then. */
    private static String describe(Exception e) {
        return e.getMessage() == null && e.getCause() != null ? e.getCause().toString() : e.toString();
    }

    private static void warnTaken(ObjectName name) {
        LOG.warn("wmon: MBean {} is already registered (another wmon agent in this JVM?); leaving it in place", name);
    }
}
