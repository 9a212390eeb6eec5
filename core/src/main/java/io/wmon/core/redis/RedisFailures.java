package io.wmon.core.redis;

import io.wmon.core.redis.RedisUnavailableException.Reason;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisProtocolNotSupportedException;

/**
 * Turns the client library's exceptions into {@link RedisUnavailableException} with a short,
 * human reason and a {@link Reason}, so callers handle one type of our own.
 *
 * <p>Each message is one line naming the true cause, never Redis's whole error text (its
 * {@code NOAUTH} reply is a paragraph about {@code HELLO}): {@code connection refused},
 * {@code timed out}, the server closed (or reset) the connection, credentials refused,
 * {@code maxclients} reached, no such database, an ACL refusal naming the command and the grant that
 * allows it, or a server that does not speak the protocol (or is older than Redis 6, without
 * {@code HELLO}). The endpoint is always shown redacted.
 */
final class RedisFailures {

    /** The reasons of quick connection failures, as {@link #knownReason} names them and {@link #isRefusedOrReset} tells them. */
    private static final String REFUSED = "connection refused";
    private static final String CLOSED = "the server closed the connection";
    private static final String RESET = "the server reset the connection";
    /** The command in a {@code NOPERM} reply: Redis 6 to 7.4 all quote it like this. */
    private static final Pattern REFUSED_COMMAND = Pattern.compile("'([^']+)' command");
    /** Jedis's message when the server closed the connection before its reply. */
    private static final String END_OF_STREAM = "Unexpected end of stream.";
    /** Jedis's message for a reply whose first byte is no RESP type. */
    private static final String UNKNOWN_REPLY = "Unknown reply: ";

    private RedisFailures() {
    }

    /**
     * What every caller of a connection throws for {@code e}: the TLS failure it is ({@link TlsFailures}),
     * else the Redis failure ({@link #translate}); {@code null} when it is not about using Redis (WRONGTYPE).
     */
    static RedisUnavailableException unavailable(RedisEndpoint endpoint, JedisException e) {
        RedisUnavailableException tls = TlsFailures.translate(endpoint, e);
        return tls != null ? tls : translate(endpoint, e);
    }

    /** The translated exception, or {@code null} when {@code e} is not about using Redis at all (e.g. WRONGTYPE). */
    static RedisUnavailableException translate(RedisEndpoint endpoint, JedisException e) {
        String redis = endpoint.redacted();
        if (e instanceof JedisProtocolNotSupportedException) {
            // Connections ask for RESP3 (see RedisClientFactory.clientConfig); Redis 5 and older answer "unknown command".
            return new RedisUnavailableException(Reason.NOT_REDIS, "the server at " + redis
                    + " does not know HELLO (RESP3): wmon needs Redis 6 or later", e);
        }
        if (endpoint.topology() != RedisTopology.STANDALONE) {
            RedisUnavailableException discovery = discovery(endpoint, e);
            if (discovery != null) {
                return discovery;
            }
        }
        String refusal = serverError(e);
        if (refusal != null) {
            RedisUnavailableException refused = refused(endpoint, refusal, e);
            if (refused != null) {
                return refused;
            }
        }
        if (e instanceof JedisConnectionException) {
            String message = String.valueOf(e.getMessage());
            if (message.startsWith(UNKNOWN_REPLY)) {
                return new RedisUnavailableException(Reason.NOT_REDIS, "the server at " + redis
                        + " does not speak the Redis protocol (its reply began with "
                        + visible(message.substring(UNKNOWN_REPLY.length())) + ")", e);
            }
            return new RedisUnavailableException(redis, reason(e), e);
        }
        if (isPoolExhausted(e)) {
            return new RedisUnavailableException(Reason.POOL_EXHAUSTED, "cannot reach Redis at " + redis
                    + " (pool exhausted: " + rootMessage(e) + ")", e);
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

    /**
     * Whether {@code e} is a connection failure known to have been quick: refused, or closed or reset by
     * the server, in a cause or a suppressed exception; false for a timeout and when the cause is not known.
     */
    static boolean isRefusedOrReset(JedisException e) {
        if (!(e instanceof JedisConnectionException)) {
            return false;
        }
        String known = knownReason(e, 0);
        return REFUSED.equals(known) || CLOSED.equals(known) || RESET.equals(known);
    }

    /** Whether {@code e} or a cause is a socket timeout: the server accepted the connection but did not answer in time. */
    static boolean isTimeout(Throwable e) {
        return hasCause(e, SocketTimeoutException.class);
    }

    /** Whether {@code e} or a cause is commons-pool's "no connection free within maxWait". */
    static boolean isPoolExhausted(Throwable e) {
        return hasCause(e, NoSuchElementException.class);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Jedis's words when it could not find the servers of a Sentinel or Cluster endpoint, made one true
     * line: no seed answered (and why), a seed that is not a cluster node, no sentinel answered, a sentinel
     * that refused the connection, a master name the sentinels do not monitor; {@code null} for any other failure.
     */
    private static RedisUnavailableException discovery(RedisEndpoint endpoint, JedisException e) {
        String redis = endpoint.redacted();
        String message = String.valueOf(e.getMessage());
        if (e instanceof SentinelRefusedException) {
            return sentinelRefusal((SentinelRefusedException) e, endpoint.sentinelUser());
        }
        if (e instanceof JedisClusterOperationException && message.startsWith("Could not initialize cluster slots cache")) {
            for (Throwable seed : e.getSuppressed()) {
                RedisUnavailableException tls = endpoint.tls() && seed instanceof JedisException
                        ? TlsFailures.translate(endpoint, (JedisException) seed) : null;
                if (tls != null) {
                    return tls;
                }
                String error = serverError(seed);
                if (error != null && error.contains("cluster support disabled")) {
                    return new RedisUnavailableException(Reason.NOT_REDIS, "the server at " + redis
                            + " is not a Redis Cluster node (cluster support disabled); use redis:// for one server", e);
                }
                if (error != null && seed instanceof JedisException) {
                    RedisUnavailableException refused = refused(endpoint, error, (JedisException) seed);
                    if (refused != null) {
                        return refused;
                    }
                }
            }
            String known = knownReason(e, 0);
            return new RedisUnavailableException(redis, "no seed node answered"
                    + (known == null ? "" : ": " + known), e);
        }
        if (e instanceof JedisClusterOperationException) {
            String known = knownReason(e, 0);
            return new RedisUnavailableException(redis, firstLine(message).replaceAll("\\.$", "")
                    + (known == null ? "" : ": " + known), e);
        }
        if (message.startsWith("All sentinels down")) {
            return new RedisUnavailableException(redis, "no sentinel named master " + endpoint.masterName()
                    + ": each refused, timed out, or is not a sentinel", e);
        }
        if (message.startsWith("Can connect to sentinel, but")) {
            return new RedisUnavailableException(Reason.NO_SUCH_MASTER, "the sentinels at " + redis
                    + " monitor no master named " + endpoint.masterName(), e);
        }
        return null;
    }

    /**
     * A sentinel's error reply instead of a master: its password wanted, refused, or given to a sentinel
     * without one; the ACL user {@code user} (null: the default user) refused or lacking the command.
     */
    private static RedisUnavailableException sentinelRefusal(SentinelRefusedException e, String user) {
        String sentinel = "the sentinel at " + e.sentinel();
        String error = firstLine(e.error());
        String message;
        if (error.startsWith("NOAUTH")) {
            message = sentinel + " refused the connection: it requires a password and none was given (NOAUTH)";
        } else if (user != null && error.startsWith("WRONGPASS")) {
            message = sentinel + " refused the sentinel credentials of user " + user
                    + ": wrong password, no such user, or the user is disabled (WRONGPASS)";
        } else if (error.startsWith("WRONGPASS") || error.contains("invalid password")) {
            message = sentinel + " refused the sentinel password: wrong password (WRONGPASS)";
        } else if (error.startsWith("NOPERM")) {
            message = sentinel + " refused " + (user != null ? "user " + user : "the default user") + " (" + error
                    + "); wmon needs SENTINEL GET-MASTER-ADDR-BY-NAME and the +switch-master channel there";
        } else if (error.contains("without any password configured")) {
            message = sentinel + " has no password, but a sentinel password was given: give none";
        } else {
            message = sentinel + " refused the connection (" + error + ")";
        }
        return new RedisUnavailableException(Reason.SENTINEL_CREDENTIALS_REFUSED, message, e);
    }

    /** A refusal the server sent while connecting or for a command; {@code null} for any other error reply. */
    private static RedisUnavailableException refused(RedisEndpoint endpoint, String error, JedisException e) {
        String redis = endpoint.redacted();
        String user = endpoint.user() != null ? endpoint.user() : "default";
        if (error.startsWith("NOAUTH")) {
            return new RedisUnavailableException(Reason.CREDENTIALS_REFUSED, "Redis at " + redis
                    + " refused the connection: it requires a password and none was given (NOAUTH)", e);
        }
        if (error.startsWith("WRONGPASS")) {
            return new RedisUnavailableException(Reason.CREDENTIALS_REFUSED, "Redis at " + redis
                    + " refused the credentials of user " + user
                    + ": wrong password, no such user, or the user is disabled (WRONGPASS)", e);
        }
        if (error.startsWith("NOPERM")) {
            return new RedisUnavailableException(Reason.PERMISSION_DENIED, permissionDenied(redis, user, error), e);
        }
        if (error.contains("max number of clients reached")) {
            return new RedisUnavailableException(Reason.MAXCLIENTS_REACHED, "Redis at " + redis
                    + " refused the connection: max number of clients reached (maxclients)", e);
        }
        if (TransientReplies.isTransient(error)) {
            return new RedisUnavailableException(Reason.NOT_SERVING_NOW, "Redis at " + redis + " cannot serve this now ("
                    + error + ")", e);
        }
        if (error.contains("DB index is out of range")) {
            return new RedisUnavailableException(Reason.NO_SUCH_DATABASE, "Redis at " + redis + " has no database "
                    + endpoint.database() + " (DB index is out of range)", e);
        }
        if (e instanceof JedisAccessControlException) {
            return new RedisUnavailableException(Reason.CREDENTIALS_REFUSED, "Redis at " + redis
                    + " refused the credentials of user " + user + " (" + error + ")", e);
        }
        return null;
    }

    /** {@code refused ZRANGE to user ops (NOPERM); grant it with ACL SETUSER ops +zrange}, or the key form. */
    private static String permissionDenied(String redis, String user, String error) {
        Matcher command = REFUSED_COMMAND.matcher(error);
        if (command.find()) {
            String name = command.group(1).toLowerCase(Locale.ROOT);
            return "Redis at " + redis + " refused " + name.replace('|', ' ').toUpperCase(Locale.ROOT)
                    + " to user " + user + " (NOPERM); grant it with ACL SETUSER " + user + " +" + name;
        }
        if (error.contains("key")) {
            return "Redis at " + redis + " refused user " + user + " a key it needs (NOPERM); grant wmon's keys with "
                    + "ACL SETUSER " + user + " ~wmon:*";
        }
        return "Redis at " + redis + " refused a command to user " + user + " (" + error + ")";
    }

    /** The first line of the server's error reply in {@code e} or its causes, or {@code null}. */
    private static String serverError(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof JedisDataException && t.getMessage() != null) {
                return firstLine(t.getMessage());
            }
        }
        return null;
    }

    /** A reply's first character as the user can read it: {@code '<'}, or {@code byte 0x15}. */
    private static String visible(String text) {
        if (text.isEmpty()) {
            return "nothing";
        }
        char c = text.charAt(0);
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("byte 0x%02x", (int) c & 0xff);
    }

    private static String reason(Throwable e) {
        String known = knownReason(e, 0);
        return known != null ? known : firstLine(rootMessage(e));
    }

    /** Looks through causes and suppressed exceptions (Jedis keeps one per address it tried). */
    private static String knownReason(Throwable t, int depth) {
        if (t == null || depth > 8) {
            return null;
        }
        if (t instanceof ConnectException) {
            return REFUSED;
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
        // Jedis's own words for a peer that closed the stream; a reset is a close with data unread.
        if (t instanceof JedisConnectionException && END_OF_STREAM.equals(t.getMessage())) {
            return CLOSED;
        }
        if (t instanceof SocketException && String.valueOf(t.getMessage()).startsWith("Connection reset")) {
            return RESET;
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
        return message == null || message.trim().isEmpty() ? root.getClass().getSimpleName() : message;
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).replace('\r', ' ').trim();
    }
}
