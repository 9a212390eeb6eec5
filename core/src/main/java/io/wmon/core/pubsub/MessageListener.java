package io.wmon.core.pubsub;

/** Receives the messages of one subscription, on the hub's thread; must return quickly. */
@FunctionalInterface
public interface MessageListener {

    /**
     * @param channel the channel the message was published on (for a pattern, the matching channel)
     * @param message the message text
     */
    void onMessage(String channel, String message);
}
