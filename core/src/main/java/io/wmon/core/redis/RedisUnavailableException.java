package io.wmon.core.redis;

/**
 * Redis could not be reached or did not answer in time.
 *
 * <p>Thrown instead of the client library's own exceptions so that callers (the agent's
 * heartbeat, the CLI) handle one type and never see relocated third-party classes. The
 * message names the endpoint with its password redacted and the cause in a few words.
 */
public class RedisUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    /** The endpoint, already redacted, and the reason Redis could not be used. */
    public RedisUnavailableException(String redactedEndpoint, String reason, Throwable cause) {
        super("cannot reach Redis at " + redactedEndpoint + " (" + reason + ")", cause);
        this.reason = reason;
    }

    /** The reason in a few words, e.g. {@code connection refused}; what the message shows in parentheses. */
    public String reason() {
        return reason;
    }

    /** Whether the pool was saturated (every connection in use): a local condition, not a failure of Redis. */
    public boolean isPoolExhausted() {
        return RedisFailures.isPoolExhausted(getCause());
    }
}
