package io.wmon.core.pubsub;

/** One listener's subscription to a channel or pattern; closing it unsubscribes (idempotent). */
public interface Subscription extends AutoCloseable {

    /** The channel or pattern subscribed to. */
    String topic();

    @Override
    void close();
}
