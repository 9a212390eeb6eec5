package io.wmon.core.redis;

import java.time.Duration;

/**
 * A call refused by the endpoint's open {@link RedisBreaker}: no connection was attempted.
 *
 * <p>Its {@link #reason()} is that of the failure that opened the breaker, and its message is that
 * failure's message followed by when the next attempt is allowed, e.g. {@code cannot reach Redis at
 * redis://cache:6379 (connection refused); circuit breaker open, next attempt in 4 s}.
 */
public final class BreakerOpenException extends RedisUnavailableException {

    private static final long serialVersionUID = 1L;

    BreakerOpenException(String redactedEndpoint, RedisUnavailableException lastFailure, Duration remaining) {
        super(lastFailure == null ? Reason.UNREACHABLE : lastFailure.reason(),
                (lastFailure == null ? "cannot reach Redis at " + redactedEndpoint : lastFailure.getMessage())
                        + "; circuit breaker open, next attempt in " + seconds(remaining), null);
    }

    private static String seconds(Duration remaining) {
        long millis = Math.max(0, remaining.toMillis());
        return millis < 1_000 ? millis + " ms" : (millis + 999) / 1_000 + " s";
    }
}
