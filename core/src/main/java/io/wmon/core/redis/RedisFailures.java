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

    static boolean isPoolExhausted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NoSuchElementException) {
                return true;
            }
        }
        return false;
    }

    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof SocketTimeoutException) {
                return "timed out";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
            if (NoSuchElementException.class.isInstance(t)) {
                return "pool exhausted";
            }
        }
        return rootMessage(e);
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
