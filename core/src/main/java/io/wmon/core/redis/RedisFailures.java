package io.wmon.core.redis;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.NoSuchElementException;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Turns the client library's exceptions into {@link RedisUnavailableException} with a short,
 * human reason ("connection refused", "timed out", "pool exhausted"), so callers handle one
 * type of our own.
 */
final class RedisFailures {

    private RedisFailures() {
    }

    /** The translated exception, or {@code null} when {@code e} is not an availability problem (e.g. WRONGTYPE). */
    static RedisUnavailableException translate(RedisEndpoint endpoint, JedisException e) {
        if (e instanceof JedisConnectionException) {
            return new RedisUnavailableException(endpoint.redacted(), reason(e), e);
        }
        if (e instanceof JedisAccessControlException) {
            return new RedisUnavailableException(endpoint.redacted(), "authentication failed: " + e.getMessage(), e);
        }
        if (isPoolExhausted(e)) {
            return new RedisUnavailableException(endpoint.redacted(), "pool exhausted: " + rootMessage(e), e);
        }
        return null;
    }

    /**
     * Whether {@code e} is what a connection that the server had closed looks like on first use:
     * the stream ended or was reset, not a refused connect, an unknown host or a timeout (a frozen
     * server, which a second attempt would only wait for again).
     */
    static boolean isClosedByServer(JedisException e) {
        if (!(e instanceof JedisConnectionException)) {
            return false;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof ConnectException
                    || t instanceof UnknownHostException || t instanceof NoSuchElementException) {
                return false;
            }
        }
        return true;
    }

    static boolean isPoolExhausted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NoSuchElementException) {
                return true;
            }
        }
        return false;
    }

    private static String reason(Throwable e) {
        String known = knownReason(e, 0);
        return known != null ? known : rootMessage(e);
    }

    /** Looks through causes and suppressed exceptions (Jedis keeps one per address it tried). */
    private static String knownReason(Throwable t, int depth) {
        if (t == null || depth > 8) {
            return null;
        }
        if (t instanceof ConnectException) {
            return "connection refused";
        }
        if (t instanceof SocketTimeoutException) {
            return "timed out";
        }
        if (t instanceof UnknownHostException) {
            return "unknown host " + t.getMessage();
        }
        if (t instanceof NoSuchElementException) {
            return "pool exhausted";
        }
        for (Throwable suppressed : t.getSuppressed()) {
            String reason = knownReason(suppressed, depth + 1);
            if (reason != null) {
                return reason;
            }
        }
        return t.getCause() == t ? null : knownReason(t.getCause(), depth + 1);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}
