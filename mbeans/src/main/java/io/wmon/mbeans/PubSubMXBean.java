package io.wmon.mbeans;

/**
 * The JVM's one Pub/Sub hub: {@code io.wmon:type=PubSub}.
 *
 * <p>Every getter returns a point-in-time value read from the hub's in-memory state; none touches
 * Redis or blocks. The hub holds its one dedicated connection only while something subscribes.
 */
public interface PubSubMXBean {

    /** Whether the dedicated subscriber connection is open right now; a point-in-time value from memory. */
    boolean isConnected();

    /** Channels subscribed, a count; a point-in-time value from memory. */
    int getChannelCount();

    /** Patterns subscribed ({@code PSUBSCRIBE}), a count; a point-in-time value from memory. */
    int getPatternCount();

    /** Listener registrations over all channels and patterns, a count; a point-in-time value from memory. */
    int getSubscriberCount();

    /** Messages received since the hub was created, a count; a point-in-time value from memory. */
    long getMessagesReceivedCount();

    /** Times the connection was opened again after being lost, a count; a point-in-time value from memory. */
    long getReconnectCount();
}
