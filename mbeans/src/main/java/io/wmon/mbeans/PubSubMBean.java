package io.wmon.mbeans;

import io.wmon.core.pubsub.PubSubHub;
import java.util.Objects;

/**
 * The {@link PubSubMXBean} of the JVM's Pub/Sub hub; every getter reads the hub's in-memory
 * counters, never the connection, so it answers at once even while Redis is unreachable.
 */
public final class PubSubMBean implements PubSubMXBean {

    private final PubSubHub hub;

    /** @param hub the hub to report on; this bean never closes it */
    public PubSubMBean(PubSubHub hub) {
        this.hub = Objects.requireNonNull(hub, "hub");
    }

    @Override
    public boolean isConnected() {
        return hub.isConnected();
    }

    @Override
    public int getChannelCount() {
        return hub.channelCount();
    }

    @Override
    public int getPatternCount() {
        return hub.patternCount();
    }

    @Override
    public int getSubscriberCount() {
        return hub.subscriberCount();
    }

    @Override
    public long getMessagesReceivedCount() {
        return hub.messagesReceivedCount();
    }

    @Override
    public long getReconnectCount() {
        return hub.reconnectCount();
    }
}
