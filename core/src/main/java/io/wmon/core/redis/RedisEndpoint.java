package io.wmon.core.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where Redis is: topology, nodes, database and credentials, parsed from a URL.
 *
 * <p>Accepts {@value #ACCEPTED_FORMS} (the {@code s} for TLS). A sentinel or cluster URL names
 * several nodes separated by commas; {@link #host()} and {@link #port()} are then the first node's.
 * The credentials of a sentinel URL are the master's (and its replicas'); the sentinels themselves
 * are asked with the password {@link #withSentinelPassword} gives, else without. Passwords are kept for connecting but never
 * printed: {@link #toString()} and {@link #redacted()} replace it with {@code ****}, and a URL
 * that does not parse is shown only through {@link #redactUrl}. Two endpoints are equal when
 * every part, credentials and TLS settings included, is equal, so that the shared pool registry
 * keys on them: two callers with different passwords or client certificates never share a pool.
 *
 * <p>A {@code rediss://} endpoint carries its {@link TlsSettings}: the JVM's default trust unless
 * {@link #withTls} names stores. A client certificate is a credential like the password, which is
 * why the TLS settings travel with the endpoint rather than with the pool's bounds.
 */
public final class RedisEndpoint {

    /** Port used when the URL names none. */
    public static final int DEFAULT_PORT = 6379;
    /** The URL forms {@link #parse} accepts, as every wmon message names them. */
    public static final String ACCEPTED_FORMS = "redis[s]://[user:password@]host[:port][/db], "
            + "redis[s]-sentinel://[user:password@]host[:port][,host[:port]...]/master[/db], "
            + "redis[s]-cluster://[user:password@]host[:port][,host[:port]...]";
    /** Nodes a sentinel or cluster URL may name. */
    private static final int MAX_NODES = 64;

    private static final int MAX_URL_LENGTH = 2048;
    private static final int MAX_DATABASE = 15_999;
    /** Characters of a bad URL that an error message shows before cutting it with {@code ...}. */
    private static final int MAX_SHOWN = 60;
    private static final String HIDDEN = "****";

    private final boolean tls;
    private final RedisTopology topology;
    /** One node for {@code redis://}, the sentinels or the cluster's seeds otherwise; never empty. */
    private final List<RedisNode> nodes;
    /** The sentinels' name of the master; {@code null} unless {@link RedisTopology#SENTINEL}. */
    private final String masterName;
    private final String host;
    private final int port;
    private final int database;
    private final String user;
    private final String password;
    /** The sentinels' own password ({@code requirepass} in sentinel.conf); {@code null} when they need none. */
    private final String sentinelPassword;
    /** The sentinels' ACL user the password is for; {@code null} for their {@code default} user. */
    private final String sentinelUser;
    /** {@code null} for {@code redis://}. */
    private final TlsSettings tlsSettings;

    private RedisEndpoint(boolean tls, String host, int port, int database, String user, String password,
            TlsSettings tlsSettings) {
        this(tls, RedisTopology.STANDALONE, List.of(new RedisNode(host, port)), null, database, user, password,
                null, null, tlsSettings);
    }

    private RedisEndpoint(boolean tls, RedisTopology topology, List<RedisNode> nodes, String masterName, int database,
            String user, String password, String sentinelPassword, String sentinelUser, TlsSettings tlsSettings) {
        this.topology = topology;
        this.nodes = nodes;
        this.masterName = masterName;
        String host = nodes.get(0).host();
        int port = nodes.get(0).port();
        this.tls = tls;
        this.tlsSettings = tlsSettings;
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
        this.sentinelPassword = sentinelPassword;
        this.sentinelUser = sentinelUser;
    }

    /**
     * Parses a Redis URL.
     *
     * @throws InvalidEndpointException naming the URL (redacted, cut, on one line), the reason and
     *     the accepted forms
     */
    public static RedisEndpoint parse(String url) {
        if (url == null || url.isBlank()) {
            throw invalid(String.valueOf(url), "empty");
        }
        String trimmed = url.trim();
        if (trimmed.length() > MAX_URL_LENGTH) {
            throw invalid(trimmed, "longer than " + MAX_URL_LENGTH + " characters");
        }
        int separator = trimmed.indexOf("://");
        RedisTopology named = separator < 0 ? null : RedisTopology.ofScheme(trimmed.substring(0, separator));
        if (named != null && named != RedisTopology.STANDALONE) {
            // Several hosts in one authority: java.net.URI does not take them.
            return parseNodes(trimmed, named, trimmed.substring(0, separator).toLowerCase(Locale.ROOT).startsWith("rediss"));
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            // getReason() never holds the input; getMessage() would.
            throw invalid(trimmed, "not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme();
        RedisTopology topology = scheme == null ? null : RedisTopology.ofScheme(scheme);
        if (topology == null) {
            throw invalid(trimmed, "scheme must be redis, rediss, redis-sentinel or redis-cluster");
        }
        if (topology != RedisTopology.STANDALONE) {
            throw invalid(trimmed, "a " + scheme + " URL needs // after the scheme");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw invalid(trimmed, "no host, or a port that is not a number");
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        if (port < 1 || port > 65_535) {
            throw invalid(trimmed, "port must be 1..65535");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(trimmed, "query and fragment are not supported");
        }
        int database = parseDatabase(uri.getRawPath(), trimmed);
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
        boolean tls = scheme.equalsIgnoreCase("rediss");
        return new RedisEndpoint(tls, host, port, database, user, password, tls ? TlsSettings.jvmDefault() : null);
    }

    /**
     * A sentinel or cluster URL: {@code scheme://[userinfo@]node[,node...][/path]}, which
     * {@link URI} does not take (several hosts).
     */
    private static RedisEndpoint parseNodes(String url, RedisTopology topology, boolean tls) {
        try {
            return parseNodesOrThrow(url, topology, tls);
        } catch (IllegalArgumentException badEscape) {
            if (badEscape instanceof InvalidEndpointException) {
                throw badEscape;
            }
            // URLDecoder's message quotes no input; the URL is shown redacted.
            throw invalid(url, "a bad %-escape in the user, password or master name");
        }
    }

    private static RedisEndpoint parseNodesOrThrow(String url, RedisTopology topology, boolean tls) {
        String rest = url.substring(url.indexOf("://") + 3);
        if (rest.indexOf('?') >= 0 || rest.indexOf('#') >= 0) {
            throw invalid(url, "query and fragment are not supported");
        }
        int at = rest.lastIndexOf('@');
        int slash = rest.indexOf('/', at + 1);
        String userInfo = at < 0 ? null : rest.substring(0, at);
        String hosts = rest.substring(at + 1, slash < 0 ? rest.length() : slash);
        String path = slash < 0 ? "" : rest.substring(slash);
        List<RedisNode> nodes = new ArrayList<>();
        for (String node : hosts.split(",", -1)) {
            nodes.add(parseNode(node.trim(), topology.defaultPort(), url));
        }
        if (nodes.size() > MAX_NODES) {
            throw invalid(url, "more than " + MAX_NODES + " nodes");
        }
        String master = null;
        int database;
        if (topology == RedisTopology.SENTINEL) {
            String[] parts = path.isEmpty() ? new String[0] : path.substring(1).split("/", -1);
            if (parts.length == 0 || parts[0].isEmpty()) {
                throw invalid(url, "name the master after the sentinels, like /mymaster");
            }
            master = decode(parts[0]);
            if (!isMasterName(master) || parts.length > 2) {
                throw invalid(url, "the master name must be 1-128 characters from A-Z a-z 0-9 . _ -, then at most /db");
            }
            database = parts.length == 2 ? parseDatabase("/" + parts[1], url) : 0;
        } else {
            database = parseDatabase(path, url);
            if (database != 0) {
                throw invalid(url, "Redis Cluster has database 0 only");
            }
        }
        String user = null;
        String password = null;
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            String rawUser = colon < 0 ? userInfo : userInfo.substring(0, colon);
            user = rawUser.isEmpty() ? null : decode(rawUser);
            password = colon < 0 ? user : decode(userInfo.substring(colon + 1));
            user = colon < 0 ? null : user;
        }
        return new RedisEndpoint(tls, topology, Collections.unmodifiableList(nodes), master, database, user, password, null, null,
                tls ? TlsSettings.jvmDefault() : null);
    }

    /** {@code host[:port]} or {@code [v6]:port} of a node list. */
    private static RedisNode parseNode(String node, int defaultPort, String url) {
        String host;
        String port = null;
        if (node.startsWith("[")) {
            int close = node.indexOf(']');
            if (close < 0 || (close + 1 < node.length() && node.charAt(close + 1) != ':')) {
                throw invalid(url, "an IPv6 node must read [address]:port");
            }
            host = node.substring(1, close);
            port = close + 1 < node.length() ? node.substring(close + 2) : null;
        } else {
            int colon = node.lastIndexOf(':');
            host = colon < 0 ? node : node.substring(0, colon);
            port = colon < 0 ? null : node.substring(colon + 1);
        }
        if (host.isEmpty() || !isHostName(host)) {
            throw invalid(url, "each node must be host[:port], separated by commas");
        }
        int number = defaultPort;
        if (port != null) {
            if (port.length() > 5 || !isDigits(port)) {
                throw invalid(url, "no host, or a port that is not a number");
            }
            number = Integer.parseInt(port);
        }
        if (number < 1 || number > 65_535) {
            throw invalid(url, "port must be 1..65535");
        }
        return new RedisNode(host, number);
    }

    private static boolean isHostName(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '-' || c == '_' || c == ':' || c == '%';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isMasterName(String name) {
        if (name.isEmpty() || name.length() > 128) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || ".-_".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    private static int parseDatabase(String path, String url) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return 0;
        }
        String digits = path.substring(1);
        if (digits.length() > 5 || !isDigits(digits) || Integer.parseInt(digits) > MAX_DATABASE) {
            throw invalid(url, "database must be a number after the slash, like /0");
        }
        return Integer.parseInt(digits);
    }

    private static InvalidEndpointException invalid(String url, String reason) {
        return new InvalidEndpointException(cut(redactUrl(url)), reason);
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /**
     * Makes any Redis-like URL safe to print, even one that does not parse and whatever characters
     * its password holds: everything between {@code //} (or the start, without one) and the
     * <em>last</em> {@code @} becomes {@code ****}, user name included. Without an {@code @}, a
     * colon in the host part that follows no host or precedes no port number starts a password,
     * and everything after it is hidden ({@code redis://:secret} becomes {@code redis://:****}).
     * Control and invisible characters become visible escapes (a newline as {@code \n}) so that
     * the result stays one honest line. Nothing is cut.
     */
    public static String redactUrl(String url) {
        if (url == null) {
            return null;
        }
        int slashes = url.indexOf("//");
        int authorityStart = slashes < 0 ? 0 : slashes + 2;
        int at = url.lastIndexOf('@');
        String redacted = url;
        if (at >= authorityStart) {
            redacted = url.substring(0, authorityStart) + HIDDEN + url.substring(at);
        } else if (slashes >= 0) {
            int slash = url.indexOf('/', authorityStart);
            int authorityEnd = slash < 0 ? url.length() : slash;
            // A sentinel or cluster URL lists nodes separated by commas: each may hide a password.
            int pieceStart = authorityStart;
            while (pieceStart <= authorityEnd) {
                int comma = url.indexOf(',', pieceStart);
                int pieceEnd = comma < 0 || comma > authorityEnd ? authorityEnd : comma;
                // Colons inside an IPv6 literal's brackets belong to the address.
                int colon = url.lastIndexOf(':', pieceEnd - 1);
                boolean password = colon >= pieceStart && colon > url.lastIndexOf(']', pieceEnd - 1)
                        && (colon == authorityStart || !isDigits(url.substring(colon + 1, pieceEnd)));
                if (password) {
                    redacted = url.substring(0, colon + 1) + HIDDEN;
                    break;
                }
                pieceStart = pieceEnd + 1;
            }
        }
        return escapeInvisible(redacted);
    }

    /** {@code text} with control and invisible characters as visible escapes; for one-line messages. */
    static String escapeInvisible(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int type = Character.getType(c);
            boolean invisible = Character.isISOControl(c) || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
            if (invisible && sb == null) {
                sb = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (!invisible) {
                if (sb != null) {
                    sb.append(c);
                }
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb == null ? text : sb.toString();
    }

    /** {@code text} cut after {@value #MAX_SHOWN} characters, never inside a surrogate pair. */
    private static String cut(String text) {
        if (text.length() <= MAX_SHOWN) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_SHOWN - 1)) ? MAX_SHOWN - 1 : MAX_SHOWN;
        return text.substring(0, end) + "...";
    }

    private static boolean isDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return !text.isEmpty();
    }

    /** The URL with the password replaced by {@code ****}; safe to print and log. */
    public String redacted() {
        StringBuilder sb = new StringBuilder(topology.scheme(tls)).append("://");
        if (user != null || password != null) {
            if (user != null) {
                sb.append(user);
            }
            if (password != null) {
                sb.append(":****");
            }
            sb.append('@');
        }
        for (int i = 0; i < nodes.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(nodes.get(i));
        }
        if (masterName != null) {
            sb.append('/').append(masterName);
        }
        if (database != 0) {
            sb.append('/').append(database);
        }
        return sb.toString();
    }

    public boolean tls() {
        return tls;
    }

    public RedisTopology topology() {
        return topology;
    }

    /** The server of {@code redis://}, the sentinels, or the cluster's seed nodes, as the URL lists them. */
    public List<RedisNode> nodes() {
        return nodes;
    }

    /** The sentinels' name of the master; {@code null} unless this is a sentinel endpoint. */
    public String masterName() {
        return masterName;
    }

    /** The (first) node's host. */
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
        return new RedisEndpoint(tls, topology, nodes, masterName, database, user, newPassword, sentinelPassword,
                sentinelUser, tlsSettings);
    }

    /**
     * A copy whose connections to the sentinels authenticate with {@code password} ({@code AUTH}, the
     * sentinels' {@code requirepass}), e.g. one read from a file or the environment; {@code null} for none.
     *
     * @throws IllegalArgumentException when this is not a {@code redis-sentinel://} endpoint
     */
    public RedisEndpoint withSentinelPassword(String password) {
        if (topology != RedisTopology.SENTINEL) {
            throw new IllegalArgumentException("a sentinel password needs a redis-sentinel:// URL, not " + redacted());
        }
        return new RedisEndpoint(tls, topology, nodes, masterName, database, user, this.password, password, sentinelUser,
                tlsSettings);
    }

    /**
     * A copy whose connections to the sentinels authenticate as the ACL user {@code user} ({@code AUTH user
     * password}) with the sentinels' password; {@code null} for their {@code default} user.
     *
     * @throws IllegalArgumentException when this is not a {@code redis-sentinel://} endpoint
     */
    public RedisEndpoint withSentinelUser(String user) {
        if (topology != RedisTopology.SENTINEL) {
            throw new IllegalArgumentException("a sentinel user needs a redis-sentinel:// URL, not " + redacted());
        }
        return new RedisEndpoint(tls, topology, nodes, masterName, database, this.user, password, sentinelPassword, user,
                tlsSettings);
    }

    /** The sentinels' ACL user, or {@code null} for their {@code default} user; a name, not a secret. */
    public String sentinelUser() {
        return sentinelUser;
    }

    /** The sentinels' password, or {@code null}; for building the client only, never for printing. */
    String sentinelPassword() {
        return sentinelPassword;
    }

    /** Whether the sentinels are asked with a password (it is never returned). */
    public boolean hasSentinelPassword() {
        return sentinelPassword != null;
    }

    /**
     * A copy whose TLS connections use {@code settings} (trust store, key store).
     *
     * @throws IllegalArgumentException when this is a {@code redis://} endpoint, which has no TLS
     */
    public RedisEndpoint withTls(TlsSettings settings) {
        if (!tls) {
            throw new IllegalArgumentException("TLS settings need a rediss:// URL, not " + redacted());
        }
        return new RedisEndpoint(true, topology, nodes, masterName, database, user, password, sentinelPassword, sentinelUser,
                Objects.requireNonNull(settings));
    }

    /** How TLS connections trust and authenticate; {@code null} for {@code redis://}. */
    public TlsSettings tlsSettings() {
        return tlsSettings;
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
        return tls == that.tls && topology == that.topology && nodes.equals(that.nodes)
                && Objects.equals(masterName, that.masterName) && database == that.database
                && Objects.equals(user, that.user)
                && Objects.equals(password, that.password) && Objects.equals(sentinelPassword, that.sentinelPassword)
                && Objects.equals(sentinelUser, that.sentinelUser)
                && Objects.equals(tlsSettings, that.tlsSettings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tls, topology, nodes, masterName, database, user);
    }

    @Override
    public String toString() {
        return redacted();
    }
}
