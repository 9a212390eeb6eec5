package io.wmon.mbeans;

/**
 * The type strings of wmon's JMX notifications, to filter on in a listener or an APM rule.
 *
 * <p>Every wmon notification is a plain {@link javax.management.Notification} whose user data is a
 * {@link javax.management.openmbean.CompositeData}, so that a client without wmon's classes
 * (JConsole, VisualVM, an APM agent) can read it; the items of each type are listed in
 * {@code docs/mbeans.md}.
 */
public final class NotificationTypes {

    /** The worker changed state ({@code idle}, {@code busy}, ...); emitted by {@code io.wmon:type=Worker}. */
    public static final String WORKER_STATE = "io.wmon.worker.state";
    /** The Redis circuit breaker opened: calls to Redis are being refused. */
    public static final String BREAKER_OPEN = "io.wmon.breaker.open";
    /** The Redis circuit breaker closed again. */
    public static final String BREAKER_CLOSED = "io.wmon.breaker.closed";
    /** A borrow from the shared pool gave up because every connection was in use; emitted by the RedisPool MBean. */
    public static final String POOL_EXHAUSTED = "io.wmon.pool.exhausted";
    /** A worker of the fleet stopped heartbeating. */
    public static final String FLEET_STALE = "io.wmon.fleet.stale";
    /** The JVM holds more Redis sockets than the leak threshold. */
    public static final String CONNECTIONS_LEAK = "io.wmon.connections.leak";

    private NotificationTypes() {
    }
}
