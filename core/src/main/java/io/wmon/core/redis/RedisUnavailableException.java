package io.wmon.core.redis;

/**
 * Redis could not be used: not reached, not answering in time, refusing the connection (credentials,
 * {@code maxclients}, a database it does not have), refusing a command to the ACL user, or not Redis
 * at all.
 *
 * <p>Thrown instead of the client library's own exceptions so that callers (the agent's
 * heartbeat, the CLI) handle one type and never see relocated third-party classes. The
 * message is one line: it names the endpoint with its password redacted and the cause in a few
 * words, never the server's whole error paragraph; {@link #reason()} classifies it, so that a caller
 * can choose an exit code or a hint without reading the message.
 */
public class RedisUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why Redis could not be used. */
    public enum Reason {
        /** Not reached: connection refused, timed out, unknown host, connection lost. */
        UNREACHABLE,
        /** No pooled connection freed up within the pool's wait. */
        POOL_EXHAUSTED,
        /** The server refused the user or password ({@code WRONGPASS}), or wants one that was not given ({@code NOAUTH}). */
        CREDENTIALS_REFUSED,
        /** The server has {@code maxclients} connections already and refused this one. */
        MAXCLIENTS_REACHED,
        /** The URL names a database the server does not have ({@code DB index is out of range}). */
        NO_SUCH_DATABASE,
        /**
         * A sentinel refused the connection: it requires a password that was not given ({@code NOAUTH}), refused
         * the one given ({@code WRONGPASS}), or has none while one was given. The master's credentials are the URL's;
         * the sentinels' are given apart ({@link RedisEndpoint#withSentinelPassword}).
         */
        SENTINEL_CREDENTIALS_REFUSED,
        /** The sentinels answer but monitor no master of the URL's name ({@code redis-sentinel://…/<master>}). */
        NO_SUCH_MASTER,
        /** The ACL user may not run a command or use a key ({@code NOPERM}). */
        PERMISSION_DENIED,
        /** Something answers on the port, but not in the Redis protocol (an HTTP server, say). */
        NOT_REDIS,
        /**
         * Redis answered "not now" ({@link TransientReplies}): a cluster slot down or being migrated
         * ({@code CLUSTERDOWN}, {@code TRYAGAIN}), a failover under way ({@code READONLY}, {@code MASTERDOWN}),
         * data loading ({@code LOADING}). It passes by itself.
         */
        NOT_SERVING_NOW
    }

    private final Reason reason;

    /**
     * Redis not reached: {@code cannot reach Redis at <endpoint> (<detail>)}.
     *
     * @param redactedEndpoint the endpoint, already redacted
     * @param detail a few words: {@code connection refused}, {@code timed out}
     */
    public RedisUnavailableException(String redactedEndpoint, String detail, Throwable cause) {
        this(Reason.UNREACHABLE, "cannot reach Redis at " + redactedEndpoint + " (" + detail + ")", cause);
    }

    /**
     * @param message the whole one-line message, endpoint redacted, no password
     */
    public RedisUnavailableException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Whether the pool was saturated (every connection in use): a local condition, not a failure of Redis. */
    public boolean isPoolExhausted() {
        return reason == Reason.POOL_EXHAUSTED;
    }
}
