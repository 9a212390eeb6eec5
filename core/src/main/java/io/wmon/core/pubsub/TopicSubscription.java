package io.wmon.core.pubsub;

import java.util.concurrent.atomic.AtomicBoolean;

/** A {@link Subscription} that runs its removal once. */
final class TopicSubscription implements Subscription {

    private final String topic;
    private final Runnable removal;
    private final AtomicBoolean closed = new AtomicBoolean();

    TopicSubscription(String topic, Runnable removal) {
        this.topic = topic;
        this.removal = removal;
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            removal.run();
        }
    }
}
