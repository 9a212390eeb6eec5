package io.wmon.bench;

import java.lang.management.ManagementFactory;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The MBeans of the agent running in this JVM ({@code -javaagent:wmon-agent.jar=...}), read
 * through the platform MBeanServer by name only, so that no wmon class is needed here.
 */
public final class AgentMBeans {

    public static final ObjectName WORKER = name("io.wmon:type=Worker");
    public static final ObjectName POOLS = name("io.wmon:type=RedisPool,*");

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    /** Waits until the agent has registered its beans and beaten {@code beats} times. */
    public static AgentMBeans await(long beats, long timeoutMillis) throws InterruptedException {
        AgentMBeans beans = new AgentMBeans();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!beans.server.isRegistered(WORKER) || beans.heartbeatCount() < beats) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the wmon agent did not register io.wmon:type=Worker and beat "
                        + beats + " times within " + timeoutMillis + " ms; start with -javaagent:wmon-agent.jar=...");
            }
            Thread.sleep(20);
        }
        return beans;
    }

    public MBeanServer server() {
        return server;
    }

    public long heartbeatCount() {
        return server.isRegistered(WORKER) ? ((Number) get(WORKER, "HeartbeatCount")).longValue() : -1;
    }

    /** The one RedisPool MBean of the agent. */
    public ObjectName pool() {
        Set<ObjectName> names = server.queryNames(POOLS, null);
        if (names.size() != 1) {
            throw new IllegalStateException("expected one io.wmon:type=RedisPool MBean, found " + names);
        }
        return names.iterator().next();
    }

    public Object get(ObjectName name, String attribute) {
        try {
            return server.getAttribute(name, attribute);
        } catch (JMException e) {
            throw new IllegalStateException(name + " " + attribute + ": " + e, e);
        }
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (JMException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
