package io.wmon.cli.launcher;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import redis.clients.jedis.HostAndPort;

/**
 * The agent's MBean names as the contract spells them, written out here (not taken from the agent's code)
 * so that a change to a name fails the tests that read the beans of a real worker JVM.
 */
final class AgentBeanNames {

    /** {@code io.wmon:type=Worker}. */
    static final ObjectName WORKER = of("io.wmon:type=Worker");

    private AgentBeanNames() {
    }

    /** {@code io.wmon:type=RedisPool,name="<pool>"}: a pool's total over its nodes. */
    static ObjectName pool(String pool) {
        return of("io.wmon:type=RedisPool,name=\"" + pool + "\"");
    }

    /** {@code io.wmon:type=RedisPool,name="<pool>",node="<host>:<port>"}: one node's pool of a Sentinel or Cluster endpoint. */
    static ObjectName nodePool(String pool, HostAndPort node) {
        return of("io.wmon:type=RedisPool,name=\"" + pool + "\",node=\"" + node.getHost() + ":" + node.getPort() + "\"");
    }

    static ObjectName of(String text) {
        try {
            return new ObjectName(text);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(text + " is no ObjectName: " + e.getMessage(), e);
        }
    }
}
