package io.wmon.test;

import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.net.ssl.SSLSocketFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * A separate connection to the test server for assertions about it: who is connected, and how
 * many commands were run. Its own connection and its own commands are left out of every answer,
 * so that a test sees only what the code under test did.
 *
 * <p>It holds one connection (plain, or TLS for {@link #overTls}; authenticated for {@link #withPassword}) named {@value #CLIENT_NAME}, opened on first use and opened
 * again when the server was restarted in between. Not meant for concurrent use from several
 * threads; calls are serialised.
 */
public final class RedisProbe implements AutoCloseable {

    /**
     * How the connections of the test harness itself are named ({@code wmon-test-…}): never
     * {@code wmon:…}, so that counting the connections of the code under test leaves them out.
     */
    public static final String HARNESS_NAME_PREFIX = "wmon-test-";
    /** The {@code CLIENT SETNAME} of the probe's connection. */
    public static final String CLIENT_NAME = HARNESS_NAME_PREFIX + "probe";
    /** Connect and read timeout, in milliseconds: generous for a local server, short enough to fail fast. */
    private static final int TIMEOUT_MILLIS = 3_000;

    private final URI uri;
    /** Null for a plain connection. */
    private final SSLSocketFactory tls;
    /** Null to send no {@code AUTH} (beyond what {@link #uri} says). */
    private final String password;
    /** The ACL user {@link #password} is for; null for the default user. */
    private final String user;
    private Jedis jedis;
    private long ownId;

    /** A probe for the server at {@code url}; {@code defaultPort} is used when the URL names none. */
    RedisProbe(String url, int defaultPort) {
        this(url, defaultPort, null, null, null);
    }

    private RedisProbe(String url, int defaultPort, SSLSocketFactory tls, String user, String password) {
        this.uri = withPort(url, defaultPort);
        this.tls = tls;
        this.user = user;
        this.password = password;
    }

    /** A probe for the server at {@code host:port} without a password, e.g. one node of a cluster; connects on first use. */
    public static RedisProbe at(String host, int port) {
        return new RedisProbe("redis://" + host + ":" + port, port);
    }

    /** A probe for the TLS port {@code host:port} without a password, its sockets from {@code tls} (which trusts the server). */
    public static RedisProbe overTls(String host, int port, SSLSocketFactory tls) {
        return new RedisProbe("rediss://" + host + ":" + port, port, java.util.Objects.requireNonNull(tls, "tls"), null, null);
    }

    /**
     * A probe for the server at {@code host:port} that asks for {@code password} ({@code requirepass}): the
     * probe authenticates as the default user on every connection it opens. Over TLS when {@code tls} is not
     * null, its sockets from {@code tls} (which trusts the server).
     */
    public static RedisProbe withPassword(String host, int port, String password, SSLSocketFactory tls) {
        return withCredentials(host, port, null, password, tls);
    }

    /** {@link #withPassword}, authenticating as the ACL user {@code user} ({@code AUTH user password}); null for the default user. */
    public static RedisProbe withCredentials(String host, int port, String user, String password, SSLSocketFactory tls) {
        java.util.Objects.requireNonNull(password, "password");
        return new RedisProbe((tls == null ? "redis://" : "rediss://") + host + ":" + port, port, tls, user, password);
    }

    /** Every connection to the server except the probe's own, as {@code CLIENT LIST} shows them. */
    public synchronized List<ClientInfo> clients() {
        List<ClientInfo> all = call(connection -> ClientInfo.parseList(connection.clientList()));
        return all.stream().filter(client -> client.id() != ownId).toList();
    }

    /** How many connections (the probe's excluded) have a name starting with {@code namePrefix}. */
    public long countClients(String namePrefix) {
        return clients().stream().filter(client -> client.name().startsWith(namePrefix)).count();
    }

    /**
     * Calls per command since the server started or stats were reset. Left out are the commands
     * that probes and connection set-up send, whoever sent them: {@code info}, {@code ping},
     * {@code select}, {@code hello}, {@code auth}, {@code flushall} and every {@code client} and
     * {@code config} command. Subcommands are named {@code container|sub} on Redis 7.
     */
    public Map<String, Long> commandCalls() {
        return CommandStats.parse(info("commandstats"));
    }

    /** The sum of {@link #commandCalls()}: take it before and after some code to count its commands. */
    public long totalCommandCalls() {
        return commandCalls().values().stream().mapToLong(Long::longValue).sum();
    }

    /** {@code CONFIG RESETSTAT}: zeroes command and connection statistics. */
    public void resetStats() {
        call(Jedis::configResetStat);
    }

    /** {@code INFO section}, as the server returns it. */
    public String info(String section) {
        return call(connection -> connection.info(section));
    }

    /**
     * Runs one command as the probe's (default, all-powerful) user and returns the reply as Jedis
     * decodes it, e.g. {@code command("ACL", "SETUSER", "wmon-agent", "on", ">pw", "~wmon:*", "+hset")}.
     * For setting up a server (ACL users, configuration); a refused command throws.
     */
    public Object command(String... args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("no command");
        }
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        return call(connection -> connection.sendCommand(() -> redis.clients.jedis.util.SafeEncoder.encode(args[0]), rest));
    }

    /** {@code FLUSHALL}, for {@link RedisServerExtension#flushAll()}. */
    void flushAll() {
        call(Jedis::flushAll);
    }

    @Override
    public synchronized void close() {
        if (jedis != null) {
            jedis.close();
            jedis = null;
        }
    }

    /**
     * Runs {@code action}, reconnecting once when the connection was lost (the server restarted).
     * A timeout is not retried: it means the server is paused, and retrying would only wait again.
     */
    private synchronized <T> T call(Function<Jedis, T> action) {
        try {
            return action.apply(connection());
        } catch (JedisConnectionException e) {
            close();
            if (e.getCause() instanceof SocketTimeoutException) {
                throw e;
            }
            return action.apply(connection());
        }
    }

    private Jedis connection() {
        if (jedis == null || !jedis.isConnected() || jedis.isBroken()) {
            close();
            DefaultJedisClientConfig.Builder builder = DefaultJedisClientConfig.builder()
                    .clientName(CLIENT_NAME)
                    .connectionTimeoutMillis(TIMEOUT_MILLIS)
                    .socketTimeoutMillis(TIMEOUT_MILLIS);
            Jedis opened;
            if (tls == null && password == null) {
                opened = new Jedis(uri, builder.build());
            } else {
                if (tls != null) {
                    builder.ssl(true).sslSocketFactory(tls);
                }
                if (password != null) {
                    builder.user(user).password(password);
                }
                JedisClientConfig config = builder.build();
                opened = new Jedis(new redis.clients.jedis.HostAndPort(uri.getHost(), uri.getPort()), config);
            }
            try {
                ownId = opened.clientId();
            } catch (RuntimeException e) {
                opened.close();
                throw e;
            }
            jedis = opened;
        }
        return jedis;
    }

    private static URI withPort(String url, int defaultPort) {
        try {
            URI parsed = new URI(url);
            if (parsed.getPort() != -1) {
                return parsed;
            }
            return new URI(parsed.getScheme(), parsed.getUserInfo(), parsed.getHost(), defaultPort,
                    parsed.getPath(), parsed.getQuery(), null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed Redis URL", e);
        }
    }
}
