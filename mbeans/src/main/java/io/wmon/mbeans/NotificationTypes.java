package io.wmon.mbeans;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * The type strings of wmon's JMX notifications, to filter on in a listener or an APM rule.
 *
 * <p>Every wmon notification is a plain {@link javax.management.Notification} whose user data is a
 * {@link javax.management.openmbean.CompositeData}, so that a client without wmon's classes
 * (JConsole, VisualVM, an APM agent) can read it; the items of each type are listed in
 * {@code docs/mbeans.md}. The {@link Description} of each constant is the description the emitting
 * MBean declares in its {@code MBeanNotificationInfo}.
 */
public final class NotificationTypes {

    @Description("Sent by io.wmon:type=Worker when the worker changes state (starting, idle, busy, paused,"
            + " stopping) or starts another job; the user data names the worker, both states and the job")
    public static final String WORKER_STATE = "io.wmon.worker.state";

    @Description("Sent by io.wmon:type=CircuitBreaker when the breaker in front of Redis opens: calls failed to reach"
            + " Redis, and none is attempted until the delay passes; the user data names the endpoint, the cause and"
            + " the delay")
    public static final String BREAKER_OPEN = "io.wmon.breaker.open";

    @Description("Sent by io.wmon:type=CircuitBreaker when the breaker closes again: a trial call reached Redis;"
            + " the user data names the endpoint and how long the breaker was not closed")
    public static final String BREAKER_CLOSED = "io.wmon.breaker.closed";

    @Description("Sent by io.wmon:type=RedisPool when a heartbeat sees ExhaustedCount grow: a borrow gave up because"
            + " every connection was in use; the user data names the pool and its bound")
    public static final String POOL_EXHAUSTED = "io.wmon.pool.exhausted";

    @Description("Sent by io.wmon:type=Fleet when a worker that was alive at the agent's previous read of the fleet is"
            + " stale or gone: it stopped heartbeating; the user data names the namespace, the worker, its host, its"
            + " status and the age of its last beat")
    public static final String FLEET_STALE = "io.wmon.fleet.stale";

    @Description("Sent by io.wmon:type=Worker when the connection-leak alarm is raised (the JVM holds more Redis sockets"
            + " than leakThreshold, or their count kept rising over the last censuses) and when it clears again; the user"
            + " data says which, with the counts and the reason")
    public static final String CONNECTIONS_LEAK = "io.wmon.connections.leak";

    private NotificationTypes() {
    }

    /** The {@link Description} of a notification type, or the type itself when it is not one of these. */
    public static String description(String type) {
        for (Field field : NotificationTypes.class.getFields()) {
            try {
                if (Modifier.isStatic(field.getModifiers()) && type.equals(field.get(null))) {
                    return field.getAnnotation(Description.class).value();
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return type;
    }
}
