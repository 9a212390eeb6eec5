package io.wmon.core.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where Redis is: scheme, host, port, database and credentials, parsed from a URL.
 *
 * <p>Accepts {@code redis://[user:password@]host[:port][/db]} and {@code rediss://} (TLS). The
 * password is kept for connecting but never printed: {@link #toString()} and {@link #redacted()}
 * replace it with {@code ****}. Two endpoints are equal when every part, credentials included,
 * is equal, so that the shared pool registry keys on them.
 */
public final class RedisEndpoint {

    /** Port used when the URL names none. */
    public static final int DEFAULT_PORT = 6379;

    private static final int MAX_URL_LENGTH = 2048;
    private static final int MAX_DATABASE = 15_999;
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private final boolean tls;
    private final String host;
    private final int port;
    private final int database;
    private final String user;
    private final String password;

    private RedisEndpoint(boolean tls, String host, int port, int database, String user, String password) {
        this.tls = tls;
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
    }

    /**
     * Parses a Redis URL.
     *
     * @throws InvalidEndpointException naming the URL (redacted) and the accepted forms
     */
    public static RedisEndpoint parse(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidEndpointException(String.valueOf(url), "empty");
        }
        String trimmed = url.trim();
        String redactedUrl = redactUrl(trimmed);
        String shown = redactedUrl.length() > 120 ? redactedUrl.substring(0, 120) + "..." : redactedUrl;
        if (trimmed.length() > MAX_URL_LENGTH) {
            throw new InvalidEndpointException(shown, "longer than " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new InvalidEndpointException(shown, "not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("redis") || scheme.equalsIgnoreCase("rediss"))) {
            throw new InvalidEndpointException(shown, "scheme must be redis or rediss");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new InvalidEndpointException(shown, "no host, or a port that is not a number");
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        if (port < 1 || port > 65_535) {
            throw new InvalidEndpointException(shown, "port must be 1..65535");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidEndpointException(shown, "query and fragment are not supported");
        }
        int database = parseDatabase(uri.getRawPath(), shown);
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            String rawUser = colon < 0 ? userInfo : userInfo.substring(0, colon);
            user = rawUser.isEmpty() ? null : decode(rawUser);
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
            if (colon < 0) {
                // redis://secret@host is the common shorthand for a password without a user.
                password = user;
                user = null;
            }
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new RedisEndpoint(scheme.equalsIgnoreCase("rediss"), host, port, database, user, password);
    }

    private static int parseDatabase(String path, String shown) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return 0;
        }
        String digits = path.substring(1);
        if (!digits.matches("[0-9]{1,5}") || Integer.parseInt(digits) > MAX_DATABASE) {
            throw new InvalidEndpointException(shown, "database must be a number after the slash, like /0");
        }
        return Integer.parseInt(digits);
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /**
     * Replaces the password in any Redis-like URL with {@code ****}, even in a URL that does not
     * parse: everything between {@code //} and the last {@code @} is user information, whatever
     * characters the password holds. Control characters become {@code ?} so that the result stays
     * on one line.
     */
    public static String redactUrl(String url) {
        if (url == null) {
            return null;
        }
        String redacted = url;
        int slashes = url.indexOf("//");
        int at = url.lastIndexOf('@');
        if (slashes >= 0 && at > slashes) {
            String userInfo = url.substring(slashes + 2, at);
            int colon = userInfo.indexOf(':');
            String shown = colon < 0 ? "****" : userInfo.substring(0, colon) + ":****";
            redacted = url.substring(0, slashes + 2) + shown + url.substring(at);
        }
        return CONTROL.matcher(redacted).replaceAll("?");
    }

    /** The URL with the password replaced by {@code ****}; safe to print and log. */
    public String redacted() {
        StringBuilder sb = new StringBuilder(tls ? "rediss://" : "redis://");
        if (user != null || password != null) {
            if (user != null) {
                sb.append(user);
            }
            if (password != null) {
                sb.append(":****");
            }
            sb.append('@');
        }
        sb.append(host.indexOf(':') >= 0 ? "[" + host + "]" : host).append(':').append(port);
        if (database != 0) {
            sb.append('/').append(database);
        }
        return sb.toString();
    }

    public boolean tls() {
        return tls;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public int database() {
        return database;
    }

    /** The ACL user, or {@code null} for the default user. */
    public String user() {
        return user;
    }

    /** The password, or {@code null}; for building the client only, never for printing. */
    String password() {
        return password;
    }

    /** A copy with the password replaced, e.g. one read from a file or the environment. */
    public RedisEndpoint withPassword(String newPassword) {
        return new RedisEndpoint(tls, host, port, database, user, newPassword);
    }

    /** Whether a password is set (it is never returned). */
    public boolean hasPassword() {
        return password != null;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RedisEndpoint)) {
            return false;
        }
        RedisEndpoint that = (RedisEndpoint) o;
        return tls == that.tls && port == that.port && database == that.database
                && host.equalsIgnoreCase(that.host) && Objects.equals(user, that.user)
                && Objects.equals(password, that.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tls, host.toLowerCase(java.util.Locale.ROOT), port, database, user);
    }

    @Override
    public String toString() {
        return redacted();
    }
}
