package io.wmon.core.redis;

import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The circuit breaker in front of one endpoint: every call of the JVM's shared pool for that
 * endpoint goes through it, so that while Redis is down, full or refusing us, the process makes
 * at most one connection attempt per breaker delay instead of one per caller and per beat.
 *
 * <p>Built on Failsafe's {@code CircuitBreaker}: it opens when {@value #FAILURE_THRESHOLD} of the
 * last {@value #WINDOW} calls failed to reach Redis (refused, timed out, reset, credentials or
 * permissions refused, {@code maxclients}); a command Redis answered with an error (a wrong-type
 * key) and a saturated pool are not failures of Redis and do not count. While open, a call fails at
 * once with {@link BreakerOpenException} and opens no connection. After the delay the next call is
 * a trial (half-open): success closes the breaker, failure opens it again with the delay doubled.
 * The delays are the pool's {@link PoolSettings#breakerDelays()}.
 */
public final class RedisBreaker {

    /** Failed calls among the last {@value #WINDOW} that open the breaker. */
    public static final int FAILURE_THRESHOLD = 3;
    /** Calls the breaker remembers while closed. */
    public static final int WINDOW = 5;

    /** The breaker's state; {@code HALF_OPEN} while one trial call may pass. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    /** Told of every change of state, on the thread of the call that caused it; must not block. */
    public interface Listener {
        /** The breaker opened after {@code cause} (the failed call's one-line message); no call passes for {@code delay}. */
        void opened(String cause, Duration delay);

        /** The breaker closed: a trial call reached Redis. */
        void closed();
    }

    private final String endpoint;
    private final BreakerDelays delays;
    private final CircuitBreaker<Object> breaker;
    private final FailsafeExecutor<Object> executor;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger opensInARow = new AtomicInteger();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong notPermitted = new AtomicLong();
    private volatile long changedAtMillis = System.currentTimeMillis();
    private volatile Duration currentDelay;
    private volatile RedisUnavailableException lastFailure;

    RedisBreaker(String redactedEndpoint, BreakerDelays delays) {
        this.endpoint = redactedEndpoint;
        this.delays = delays;
        this.currentDelay = delays.first();
        this.breaker = CircuitBreaker.builder()
                .handleIf(RedisBreaker::isFailureOfRedis)
                .withFailureThreshold(FAILURE_THRESHOLD, WINDOW)
                .withSuccessThreshold(1)
                .withDelayFn(context -> nextDelay())
                .onOpen(event -> changed(State.OPEN))
                .onHalfOpen(event -> changed(State.HALF_OPEN))
                .onClose(event -> changed(State.CLOSED))
                .build();
        this.executor = Failsafe.with(breaker);
    }

    /**
     * Runs {@code attempt} if the breaker lets it, recording its outcome.
     *
     * @throws BreakerOpenException when the breaker is open: no attempt was made
     * @throws RuntimeException whatever {@code attempt} throws
     */
    <T> T call(Supplier<T> attempt) {
        try {
            return executor.get(context -> {
                try {
                    return attempt.get();
                } catch (RedisUnavailableException e) {
                    if (isFailureOfRedis(e)) {
                        failed.incrementAndGet();
                        lastFailure = e;
                    }
                    throw e;
                }
            });
        } catch (CircuitBreakerOpenException e) {
            notPermitted.incrementAndGet();
            throw new BreakerOpenException(endpoint, lastFailure, breaker.getRemainingDelay());
        }
    }

    private static boolean isFailureOfRedis(Throwable e) {
        return e instanceof RedisUnavailableException && !((RedisUnavailableException) e).isPoolExhausted();
    }

    /** Called by Failsafe each time the breaker opens: the first delay, doubled per failed trial, capped. */
    private Duration nextDelay() {
        Duration delay = delays.after(opensInARow.getAndIncrement());
        currentDelay = delay;
        return delay;
    }

    private void changed(State to) {
        changedAtMillis = System.currentTimeMillis();
        if (to == State.CLOSED) {
            opensInARow.set(0);
            currentDelay = delays.first();
        }
        for (Listener listener : listeners) {
            if (to == State.OPEN) {
                listener.opened(lastFailure(), currentDelay);
            } else if (to == State.CLOSED) {
                listener.closed();
            }
        }
    }

    /** Adds a listener of state changes; it runs on the caller's thread and must not block. */
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /** The state now; an open breaker whose delay has passed still reads OPEN until the next call. */
    public State state() {
        switch (breaker.getState()) {
            case OPEN:
                return State.OPEN;
            case HALF_OPEN:
                return State.HALF_OPEN;
            default:
                return State.CLOSED;
        }
    }

    /** Percentage of failed calls among those the breaker remembers in its current state, 0..100. */
    public int failureRatePercent() {
        return breaker.getFailureRate();
    }

    /** Calls the breaker remembers in its current state (at most {@value #WINDOW} while closed). */
    public int bufferedCallCount() {
        return breaker.getExecutionCount();
    }

    /** Calls that failed to reach Redis, since the pool was created. */
    public long failedCallCount() {
        return failed.get();
    }

    /** Calls refused without an attempt because the breaker was open, since the pool was created. */
    public long notPermittedCallCount() {
        return notPermitted.get();
    }

    /** When the state last changed, epoch ms (the pool's creation before the first change). */
    public long stateChangedAtMillis() {
        return changedAtMillis;
    }

    /** How long the breaker stays open after its latest opening (or would after the next one), ms. */
    public long delayMillis() {
        return currentDelay.toMillis();
    }

    /** The message of the latest call that failed to reach Redis, one line, password redacted; empty before the first. */
    public String lastFailure() {
        RedisUnavailableException last = lastFailure;
        return last == null ? "" : last.getMessage();
    }

    @Override
    public String toString() {
        return "RedisBreaker[" + endpoint + " " + state() + ", delay " + delayMillis() + " ms]";
    }
}
