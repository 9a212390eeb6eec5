package io.wmon.mbeans;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The ObjectNames of every wmon MBean, shared by the agent, the CLI, the docs and the tests so that
 * an APM configuration written against one of them keeps matching the others.
 *
 * <p>Quoting rule for the {@code name} and {@code namespace} values: a value is used as it is,
 * unless it contains a character that an unquoted ObjectName value may not hold ({@code , = : "}
 * and a line break) or that would turn the name into a pattern ({@code * ?}); then, and only then,
 * it is quoted with {@link ObjectName#quote(String)}. So {@code redisPool("shared")} is
 * {@code io.wmon:type=RedisPool,name=shared}, while {@code redisPool("a,b")} is
 * {@code io.wmon:type=RedisPool,name="a,b"}; {@link ObjectName#unquote(String)} of a quoted value
 * gives the original back. Empty and null values are rejected.
 */
public final class ObjectNames {

    /** The JMX domain of every wmon MBean. */
    public static final String DOMAIN = "io.wmon";

    /** The {@code type} key value of the worker MBean. */
    public static final String TYPE_WORKER = "Worker";
    /** The {@code type} key value of the shared Redis pool MBeans. */
    public static final String TYPE_REDIS_POOL = "RedisPool";
    /** The {@code type} key value of the circuit breaker MBeans. */
    public static final String TYPE_CIRCUIT_BREAKER = "CircuitBreaker";
    /** The {@code type} key value of the opt-in fleet MBean. */
    public static final String TYPE_FLEET = "Fleet";

    /** The pattern {@code io.wmon:*}, matching every wmon MBean. */
    public static final ObjectName ALL = create(DOMAIN + ":*");

    private static final String NEEDS_QUOTING = ",=:\"*?\n";

    private ObjectNames() {
    }

    /** {@code io.wmon:type=Worker}: the one worker MBean of a JVM. */
    public static ObjectName worker() {
        return ofType(TYPE_WORKER);
    }

    /** {@code io.wmon:type=RedisPool,name=<name>}, the name quoted only if it must be. */
    public static ObjectName redisPool(String name) {
        return ofType(TYPE_REDIS_POOL, "name", name);
    }

    /**
     * {@code io.wmon:type=RedisPool,name=<name>,node=<host:port>}: one node's pool of a Sentinel or
     * Cluster endpoint (the {@code node} quoted, since it holds a colon); {@link #redisPool(String)} is their total.
     */
    public static ObjectName redisPoolNode(String name, String node) {
        return create(DOMAIN + ":type=" + TYPE_REDIS_POOL + ",name=" + propertyValue(name) + ",node="
                + propertyValue(node));
    }

    /** {@code io.wmon:type=CircuitBreaker,name=<name>} ({@code name=redis} for the agent's breaker). */
    public static ObjectName circuitBreaker(String name) {
        return ofType(TYPE_CIRCUIT_BREAKER, "name", name);
    }

    /** {@code io.wmon:type=Fleet,namespace=<namespace>}, the namespace quoted only if it must be. */
    public static ObjectName fleet(String namespace) {
        return ofType(TYPE_FLEET, "namespace", namespace);
    }

    /**
     * The value as an ObjectName property value: unchanged, or quoted when it holds one of
     * {@code , = : " * ?} or a line break.
     *
     * @throws IllegalArgumentException when the value is null or empty
     */
    public static String propertyValue(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("an ObjectName value must not be empty, was " + (value == null ? "null" : "\"\""));
        }
        for (int i = 0; i < value.length(); i++) {
            if (NEEDS_QUOTING.indexOf(value.charAt(i)) >= 0) {
                return ObjectName.quote(value);
            }
        }
        return value;
    }

    private static ObjectName ofType(String type) {
        return create(DOMAIN + ":type=" + type);
    }

    private static ObjectName ofType(String type, String key, String value) {
        return create(DOMAIN + ":type=" + type + "," + key + "=" + propertyValue(value));
    }

    private static ObjectName create(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            // propertyValue quotes every character ObjectName rejects, so this is a bug here.
            throw new IllegalArgumentException("not a valid ObjectName: " + name, e);
        }
    }
}
