package io.wmon.core.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.args.ClientAttributeOption;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Opens the pool's connections, names each with {@code CLIENT SETNAME} (saying so once when the
 * server refuses), tells the server it is wmon with {@code CLIENT SETINFO}, and remembers each
 * connection's socket ({@link PoolSockets}).
 *
 * <p>Jedis sends {@code CLIENT SETNAME} itself when the client config has a name, but reads the
 * reply as fire-and-forget ({@code Connection.initializeFromClientConfig} collects it with
 * {@code getMany} and drops it): an ACL user without {@code +client|setname}, or a managed service
 * that renames or forbids the command, leaves every connection unnamed with no word. So the config
 * given here has no name, and this factory sends the command after Jedis's own set-up (AUTH or
 * HELLO, SELECT). On the first refusal it logs one warning, remembers the
 * reason ({@link #refusal()}) and stops asking, so the server's ACL log gets one denial per pool,
 * not one per connection (connections opened at once before the server's first answer ask one at a
 * time). The connection is used unnamed; nothing fails.
 *
 * <p>{@code CLIENT SETINFO lib-name wmon} and {@code lib-ver <version>} ({@link ClientLibrary}) go in
 * the same round trip as the name, instead of Jedis's own {@code lib-name jedis}. A server older than
 * Redis 7.2 answers that it has no such subcommand; that reply (or an ACL's refusal) is ignored
 * without a word, and the pool stops sending it.
 */
final class NamingConnectionFactory extends ConnectionFactory {

    private static final Logger LOG = LoggerFactory.getLogger(NamingConnectionFactory.class);

    private final HostAndPort hostAndPort;
    private final JedisClientConfig config;
    private final String clientName;
    private final RedisEndpoint endpoint;
    private final int timeoutMillis;
    private final CommandArguments setName;
    private final CommandArguments libName;
    private final CommandArguments libVersion;
    private final AtomicReference<String> refusal = new AtomicReference<>();
    private final Object firstAnswer = new Object();
    /** Whether the server has answered a {@code CLIENT SETNAME} of this pool (set under {@link #firstAnswer}). */
    private volatile boolean answered;
    private final AtomicBoolean setInfoRefused = new AtomicBoolean();
    private final PoolSockets sockets;

    /**
     * @param unnamedConfig the client config, without a client name
     * @param clientName the name to give every connection
     * @param endpoint the endpoint, for the warning (redacted) and TLS failures
     */
    NamingConnectionFactory(HostAndPort hostAndPort, JedisClientConfig unnamedConfig, String clientName,
            RedisEndpoint endpoint) {
        this(hostAndPort, unnamedConfig, clientName, endpoint, new PoolSockets());
    }

    private NamingConnectionFactory(HostAndPort hostAndPort, JedisClientConfig unnamedConfig, String clientName,
            RedisEndpoint endpoint, PoolSockets sockets) {
        super(new TrackingSocketFactory(hostAndPort, unnamedConfig, sockets), unnamedConfig);
        this.sockets = sockets;
        this.hostAndPort = hostAndPort;
        this.config = unnamedConfig;
        this.clientName = clientName;
        this.endpoint = endpoint;
        this.timeoutMillis = unnamedConfig.getSocketTimeoutMillis();
        this.setName = new CommandArguments(Protocol.Command.CLIENT).add(Protocol.Keyword.SETNAME).add(clientName);
        this.libName = new CommandArguments(Protocol.Command.CLIENT).add(Protocol.Keyword.SETINFO)
                .add(ClientAttributeOption.LIB_NAME).add(ClientLibrary.NAME);
        this.libVersion = new CommandArguments(Protocol.Command.CLIENT).add(Protocol.Keyword.SETINFO)
                .add(ClientAttributeOption.LIB_VER).add(ClientLibrary.version());
    }

    @Override
    protected void initialize(Connection connection) {
        try {
            super.initialize(connection);
        } catch (JedisConnectionException failed) {
            throw endpoint.tls() ? TlsFailures.duringSetup(failed, endpoint, timeoutMillis) : failed;
        }
        if (answered) {
            name(connection, refusal.get() == null, !setInfoRefused.get());
            return;
        }
        // Until the server has accepted or refused one name, connections opened at once ask one at a time,
        // so that a refusing server is asked once per pool, not once per connection.
        synchronized (firstAnswer) {
            name(connection, refusal.get() == null, !setInfoRefused.get());
            answered = true;
        }
    }

    /**
     * Sends {@code CLIENT SETNAME} and {@code CLIENT SETINFO} as asked, in one round trip; a refused name
     * is remembered and logged once, a refused SETINFO remembered quietly, a broken connection closed and thrown.
     */
    private void name(Connection connection, boolean name, boolean info) {
        if (!name && !info) {
            return;
        }
        try {
            List<CommandArguments> commands = new ArrayList<>(3);
            if (name) {
                commands.add(setName);
            }
            if (info) {
                commands.add(libName);
                commands.add(libVersion);
            }
            for (CommandArguments command : commands) {
                connection.sendCommand(command);
            }
            List<Object> replies = connection.getMany(commands.size());
            if (name && replies.get(0) instanceof JedisDataException) {
                nameRefused((JedisDataException) replies.get(0));
            }
            int last = replies.size() - 1;
            if (info && (replies.get(last - 1) instanceof JedisDataException
                    || replies.get(last) instanceof JedisDataException)) {
                // Redis before 7.2 has no CLIENT SETINFO; an ACL may refuse it. Neither matters.
                if (setInfoRefused.compareAndSet(false, true)) {
                    LOG.debug("wmon: Redis at {} does not take CLIENT SETINFO; {} connections keep no lib-name",
                            endpoint.redacted(), clientName);
                }
            }
        } catch (JedisException broken) {
            connection.close();
            throw broken;
        }
    }

    private void nameRefused(JedisDataException refused) {
        // NOPERM from an ACL, or ERR unknown command where a service renamed it away.
        String reason = "Redis at " + endpoint.redacted() + " refused CLIENT SETNAME (" + firstLine(refused.getMessage())
                + "); connections of " + clientName + " stay unnamed in CLIENT LIST; grant the user "
                + "+client|setname to name them";
        if (refusal.compareAndSet(null, reason)) {
            LOG.warn("wmon: {}", reason);
        }
    }

    /**
     * A socket factory like the pool's own, whose sockets are remembered with the pool's: for the
     * dedicated connection ({@link DedicatedConnection}), so that the socket census counts it as the agent's.
     */
    JedisSocketFactory trackedSocketFactory() {
        return new TrackingSocketFactory(hostAndPort, config, sockets);
    }

    /** The ends of every connection of the pool that is open now. */
    List<SocketEnds> openSockets() {
        return sockets.open();
    }

    /** Whether the server refused {@code CLIENT SETINFO} (before Redis 7.2, or an ACL), so it is sent no more. */
    boolean setInfoRefused() {
        return setInfoRefused.get();
    }

    HostAndPort hostAndPort() {
        return hostAndPort;
    }

    /** The config of every connection (without the name). */
    JedisClientConfig clientConfig() {
        return config;
    }

    /** Why the connections are unnamed, one line; {@code null} while the server accepts the name. */
    String refusal() {
        return refusal.get();
    }

    private static String firstLine(String message) {
        String text = String.valueOf(message);
        int newline = text.indexOf('\n');
        return RedisEndpoint.escapeInvisible(newline < 0 ? text : text.substring(0, newline));
    }
}
