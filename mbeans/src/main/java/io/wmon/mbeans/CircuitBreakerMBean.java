package io.wmon.mbeans;

import io.wmon.core.redis.RedisBreaker;
import java.time.Duration;
import java.util.Objects;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;

/**
 * The {@link CircuitBreakerMXBean} of one endpoint's {@link RedisBreaker}, and its notifications
 * {@value NotificationTypes#BREAKER_OPEN} and {@value NotificationTypes#BREAKER_CLOSED}.
 *
 * <p>It listens to the breaker while registered: {@link #listen()} after registering,
 * {@link #stopListening()} before unregistering. The notifications are sent on the thread of the
 * call that changed the breaker's state (the agent's heartbeat thread).
 */
public final class CircuitBreakerMBean extends NotifyingMBean<CircuitBreakerMBean.Reading>
        implements CircuitBreakerMXBean {

    private static final String[] OPENED_ITEMS = {"endpoint", "cause", "delayMillis"};
    private static final String[] CLOSED_ITEMS = {"endpoint", "notClosedMillis"};

    /** User data of {@value NotificationTypes#BREAKER_OPEN}. */
    public static final CompositeType OPENED_TYPE = compositeType("io.wmon.BreakerOpened",
            "the circuit breaker opened", OPENED_ITEMS,
            new String[] {"endpoint URL, password redacted", "why the last call failed to reach Redis",
                "how long no call is attempted, milliseconds"},
            new OpenType<?>[] {SimpleType.STRING, SimpleType.STRING, SimpleType.LONG});
    /** User data of {@value NotificationTypes#BREAKER_CLOSED}. */
    public static final CompositeType CLOSED_TYPE = compositeType("io.wmon.BreakerClosed",
            "the circuit breaker closed", CLOSED_ITEMS,
            new String[] {"endpoint URL, password redacted",
                "how long the breaker was open or half-open, milliseconds"},
            new OpenType<?>[] {SimpleType.STRING, SimpleType.LONG});

    private final RedisBreaker breaker;
    private final String endpoint;
    private final RedisBreaker.Listener listener = new RedisBreaker.Listener() {
        @Override
        public void opened(String cause, Duration delay) {
            breakerOpened(cause, delay.toMillis());
        }

        @Override
        public void closed() {
            breakerClosed();
        }
    };
    private volatile long openedAtMillis = -1;

    /**
     * @param breaker the endpoint's breaker; this bean reads it but never changes it
     * @param redactedEndpoint the endpoint as notifications name it
     */
    public CircuitBreakerMBean(RedisBreaker breaker, String redactedEndpoint) {
        super(CircuitBreakerMXBean.class, NotificationTypes.BREAKER_OPEN, NotificationTypes.BREAKER_CLOSED);
        this.breaker = Objects.requireNonNull(breaker, "breaker");
        this.endpoint = Objects.requireNonNull(redactedEndpoint, "redactedEndpoint");
    }

    /** Starts sending the notifications. */
    public void listen() {
        breaker.addListener(listener);
    }

    /** Stops sending them; call before unregistering. */
    public void stopListening() {
        breaker.removeListener(listener);
    }

    void breakerOpened(String cause, long delayMillis) {
        if (openedAtMillis < 0) {
            openedAtMillis = System.currentTimeMillis();
        }
        String message = "Redis circuit breaker for " + endpoint + " opened (" + cause + "); no call for "
                + delayMillis + " ms";
        emit(NotificationTypes.BREAKER_OPEN, message,
                compositeData(OPENED_TYPE, OPENED_ITEMS, new Object[] {endpoint, cause, delayMillis}));
    }

    void breakerClosed() {
        long since = openedAtMillis;
        long notClosed = since < 0 ? 0 : Math.max(0, System.currentTimeMillis() - since);
        openedAtMillis = -1;
        String message = "Redis circuit breaker for " + endpoint + " closed after " + notClosed + " ms";
        emit(NotificationTypes.BREAKER_CLOSED, message,
                compositeData(CLOSED_TYPE, CLOSED_ITEMS, new Object[] {endpoint, notClosed}));
    }

    @Override
    Reading capture() {
        return new Reading(breaker);
    }

    @Override
    public String getState() {
        return snapshot().state;
    }

    @Override
    public int getFailureRatePercent() {
        return snapshot().failureRatePercent;
    }

    @Override
    public int getBufferedCallCount() {
        return snapshot().bufferedCallCount;
    }

    @Override
    public long getFailedCallCount() {
        return snapshot().failedCallCount;
    }

    @Override
    public long getNotPermittedCallCount() {
        return snapshot().notPermittedCallCount;
    }

    @Override
    public long getStateChangedAtMillis() {
        return snapshot().stateChangedAtMillis;
    }

    @Override
    public long getDelayMillis() {
        return snapshot().delayMillis;
    }

    @Override
    public String getLastFailure() {
        return snapshot().lastFailure;
    }

    /** The breaker's figures at one moment, so that one {@code getAttributes} call agrees with itself. */
    static final class Reading {
        final String state;
        final int failureRatePercent;
        final int bufferedCallCount;
        final long failedCallCount;
        final long notPermittedCallCount;
        final long stateChangedAtMillis;
        final long delayMillis;
        final String lastFailure;

        Reading(RedisBreaker b) {
            state = b.state().name();
            failureRatePercent = b.failureRatePercent();
            bufferedCallCount = b.bufferedCallCount();
            failedCallCount = b.failedCallCount();
            notPermittedCallCount = b.notPermittedCallCount();
            stateChangedAtMillis = b.stateChangedAtMillis();
            delayMillis = b.delayMillis();
            lastFailure = b.lastFailure();
        }
    }
}
