package io.wmon.core.pubsub;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Connection;
import redis.clients.jedis.exceptions.JedisException;

/**
 * One dedicated, non-pooled subscriber connection per endpoint, multiplexing every channel and
 * pattern subscription of the JVM onto listeners.
 *
 * <p>The connection opens on the first subscription and closes after the last one is closed, so a
 * JVM that subscribes to nothing holds no Pub/Sub connection (an unused connection lingers for
 * {@link #LINGER} first, so that quick unsubscribe/subscribe cycles reuse it). A daemon thread, {@code wmon-pubsub},
 * reads messages and dispatches them; when the connection drops it reconnects with exponential
 * backoff (100 ms up to 5 s) and subscribes again to everything still wanted. Subscription changes
 * are sent under one lock; dispatch takes no lock.
 */
public final class PubSubHub implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PubSubHub.class);
    private static final Duration CLOSE_WAIT = Duration.ofMillis(500);
    /** How long an unused connection stays open, so that unsubscribe/subscribe cycles do not churn connections. */
    static final Duration LINGER = Duration.ofSeconds(1);

    private final String endpointName;
    private final Supplier<Connection> connector;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wanted = lock.newCondition();
    private final SubscriptionTable channels = new SubscriptionTable();
    private final SubscriptionTable patterns = new SubscriptionTable();
    private final AtomicLong messagesReceived = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();

    // Guarded by lock.
    private Thread thread;
    private Connection connection;
    private Dispatcher dispatcher;
    private boolean ready;
    private boolean closed;
    private boolean failedSinceConnect;

    private volatile boolean connected;

    /**
     * @param endpointName the endpoint, redacted, for log lines
     * @param connector opens a new connected and named connection; throws a Jedis exception when it cannot
     */
    public PubSubHub(String endpointName, Supplier<Connection> connector) {
        this.endpointName = endpointName;
        this.connector = connector;
    }

    /** Subscribes {@code listener} to a channel; opens the connection if this is the first subscription. */
    public Subscription subscribe(String channel, MessageListener listener) {
        return add(channels, channel, listener);
    }

    /** Subscribes {@code listener} to a glob-style pattern ({@code PSUBSCRIBE}). */
    public Subscription psubscribe(String pattern, MessageListener listener) {
        return add(patterns, pattern, listener);
    }

    private Subscription add(SubscriptionTable table, String topic, MessageListener listener) {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("a channel or pattern must not be empty");
        }
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null");
        }
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the Pub/Sub hub for " + endpointName + " is closed");
            }
            table.add(topic, listener);
            sendChangesLocked();
            startThreadLocked();
            wanted.signalAll();
        } finally {
            lock.unlock();
        }
        return new TopicSubscription(topic, () -> remove(table, topic, listener));
    }

    private void remove(SubscriptionTable table, String topic, MessageListener listener) {
        lock.lock();
        try {
            table.remove(topic, listener);
            sendChangesLocked();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the subscriber connection is open right now. */
    public boolean isConnected() {
        return connected;
    }

    public int channelCount() {
        return channels.topicCount();
    }

    public int patternCount() {
        return patterns.topicCount();
    }

    /** Listener registrations over all channels and patterns. */
    public int subscriberCount() {
        return channels.listenerCount() + patterns.listenerCount();
    }

    public long messagesReceivedCount() {
        return messagesReceived.get();
    }

    /** Times the connection was opened again after it had been lost. */
    public long reconnectCount() {
        return reconnects.get();
    }

    /** Drops every subscription and closes the connection; waits at most about a second. */
    @Override
    public void close() {
        Thread running;
        Connection open;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            channels.clear();
            patterns.clear();
            wanted.signalAll();
            running = thread;
            open = connection;
        } finally {
            lock.unlock();
        }
        if (running == null) {
            return;
        }
        if (open != null) {
            forceDisconnect(open);
        }
        running.interrupt();
        joinQuietly(running);
    }

    private void startThreadLocked() {
        if (thread == null) {
            thread = new Thread(this::runLoop, "wmon-pubsub");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Sends what the tables want but the connection does not have yet; subscriptions first, so the count never drops to 0 by accident. */
    private void sendChangesLocked() {
        if (!ready) {
            return;
        }
        try {
            String[] add = channels.takeToSubscribe();
            if (add.length > 0) {
                dispatcher.subscribe(add);
            }
            String[] padd = patterns.takeToSubscribe();
            if (padd.length > 0) {
                dispatcher.psubscribe(padd);
            }
            String[] drop = channels.takeToUnsubscribe();
            if (drop.length > 0) {
                dispatcher.unsubscribe(drop);
            }
            String[] pdrop = patterns.takeToUnsubscribe();
            if (pdrop.length > 0) {
                dispatcher.punsubscribe(pdrop);
            }
        } catch (JedisException e) {
            // The connection broke; the hub thread sees it too and re-subscribes on the next connection.
            LOG.debug("Pub/Sub connection to {} broke while changing subscriptions", endpointName, e);
        }
    }

    private void runLoop() {
        RetryPolicy<Object> retry = RetryPolicy.builder()
                .handle(JedisException.class)
                .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(5))
                .withMaxRetries(-1)
                .abortOn(e -> isClosed())
                .onFailedAttempt(e -> onConnectionLost(e.getLastException()))
                .build();
        try {
            while (shouldRun()) {
                Failsafe.with(retry).run(this::connectAndListen);
            }
        } catch (FailsafeException | JedisException e) {
            if (!isClosed()) {
                LOG.warn("Pub/Sub for {} stopped: {}", endpointName, e.getMessage());
            }
        } finally {
            lock.lock();
            try {
                if (thread == Thread.currentThread()) {
                    thread = null;
                }
                // A subscription that arrived while this thread was stopping needs a new thread.
                if (!closed && !(channels.isEmpty() && patterns.isEmpty())) {
                    startThreadLocked();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private boolean shouldRun() {
        lock.lock();
        try {
            return !closed && !(channels.isEmpty() && patterns.isEmpty());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Opens a connection and listens on it until nothing has been wanted for {@link #LINGER}; a
     * subscription that comes back within the linger reuses the same connection instead of
     * opening a new one.
     */
    private void connectAndListen() throws InterruptedException {
        if (!shouldRun()) {
            return;
        }
        Connection conn = connector.get();
        try {
            Dispatcher current;
            while ((current = nextSession(conn)) != null) {
                connected = true;
                if (current.initialChannels.length > 0) {
                    current.proceed(conn, current.initialChannels);
                } else {
                    current.proceedWithPatterns(conn, current.initialPatterns);
                }
                if (!endSession()) {
                    return;
                }
            }
        } finally {
            connected = false;
            lock.lock();
            try {
                ready = false;
                connection = null;
                dispatcher = null;
                channels.forgetSent();
                patterns.forgetSent();
            } finally {
                lock.unlock();
            }
            conn.close();
        }
    }

    /** Waits (up to the linger) for something to subscribe to; null when the connection should close. */
    private Dispatcher nextSession(Connection conn) throws InterruptedException {
        lock.lock();
        try {
            long deadline = System.nanoTime() + LINGER.toNanos();
            while (!closed && channels.isEmpty() && patterns.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                wanted.awaitNanos(left);
            }
            if (closed) {
                return null;
            }
            if (failedSinceConnect) {
                failedSinceConnect = false;
                reconnects.incrementAndGet();
                LOG.info("Pub/Sub connection to {} restored", endpointName);
            }
            Dispatcher next = new Dispatcher();
            connection = conn;
            dispatcher = next;
            if (!channels.isEmpty()) {
                next.initialChannels = channels.markAllSent();
                patterns.forgetSent();
            } else {
                next.initialPatterns = patterns.markAllSent();
                channels.forgetSent();
            }
            return next;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Called when the server reports no subscription left. Returns whether the connection is clean
     * enough to reuse: a subscription sent in the instant after the last one ended has a reply in
     * flight, so then the connection is dropped and the next one starts fresh.
     */
    private boolean endSession() {
        lock.lock();
        try {
            ready = false;
            dispatcher = null;
            return !channels.hasSent() && !patterns.hasSent();
        } finally {
            lock.unlock();
        }
    }

    private void onConnectionLost(Throwable cause) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (!failedSinceConnect) {
                LOG.warn("Pub/Sub connection to {} lost ({}); reconnecting", endpointName,
                        cause == null ? "unknown" : cause.getMessage());
            }
            failedSinceConnect = true;
        } finally {
            lock.unlock();
        }
    }

    private boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    private static void forceDisconnect(Connection conn) {
        try {
            conn.forceDisconnect();
        } catch (Exception e) {
            LOG.debug("closing the Pub/Sub connection failed", e);
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The Jedis callback object of one connection; dispatches to the tables' listeners. */
    private final class Dispatcher extends redis.clients.jedis.JedisPubSub {

        private String[] initialChannels = new String[0];
        private String[] initialPatterns = new String[0];

        @Override
        public void onMessage(String channel, String message) {
            messagesReceived.incrementAndGet();
            deliver(channels, channel, channel, message);
        }

        @Override
        public void onPMessage(String pattern, String channel, String message) {
            messagesReceived.incrementAndGet();
            deliver(patterns, pattern, channel, message);
        }

        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            becomeReady();
        }

        @Override
        public void onPSubscribe(String pattern, int subscribedChannels) {
            becomeReady();
        }

        private void becomeReady() {
            lock.lock();
            try {
                if (dispatcher == this) {
                    ready = true;
                    sendChangesLocked();
                }
            } finally {
                lock.unlock();
            }
        }

        private void deliver(SubscriptionTable table, String topic, String channel, String message) {
            for (MessageListener listener : table.listenersOf(topic)) {
                try {
                    listener.onMessage(channel, message);
                } catch (RuntimeException e) {
                    LOG.warn("a Pub/Sub listener on {} failed: {}", topic, e.toString());
                }
            }
        }
    }
}
