package io.wmon.core.redis;

import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Opens the pool's connections and names each with {@code CLIENT SETNAME}, saying so once when the
 * server refuses.
 *
 * <p>Jedis sends {@code CLIENT SETNAME} itself when the client config has a name, but reads the
 * reply as fire-and-forget ({@code Connection.initializeFromClientConfig} collects it with
 * {@code getMany} and drops it): an ACL user without {@code +client|setname}, or a managed service
 * that renames or forbids the command, leaves every connection unnamed with no word. So the config
 * given here has no name, and this factory sends the command after Jedis's own set-up (AUTH or
 * HELLO, {@code CLIENT SETINFO}, SELECT). On the first refusal it logs one warning, remembers the
 * reason ({@link #refusal()}) and stops asking, so the server's ACL log gets one denial per pool,
 * not one per connection (connections opened at once before the server's first answer ask one at a
 * time). The connection is used unnamed; nothing fails.
 */
final class NamingConnectionFactory extends ConnectionFactory {

    private static final Logger LOG = LoggerFactory.getLogger(NamingConnectionFactory.class);

    private final HostAndPort hostAndPort;
    private final JedisClientConfig config;
    private final String clientName;
    private final RedisEndpoint endpoint;
    private final int timeoutMillis;
    private final CommandObject<String> setName;
    private final AtomicReference<String> refusal = new AtomicReference<>();
    private final Object firstAnswer = new Object();
    /** Whether the server has answered a {@code CLIENT SETNAME} of this pool (set under {@link #firstAnswer}). */
    private volatile boolean answered;

    /**
     * @param unnamedConfig the client config, without a client name
     * @param clientName the name to give every connection
     * @param endpoint the endpoint, for the warning (redacted) and TLS failures
     */
    NamingConnectionFactory(HostAndPort hostAndPort, JedisClientConfig unnamedConfig, String clientName,
            RedisEndpoint endpoint) {
        super(hostAndPort, unnamedConfig);
        this.hostAndPort = hostAndPort;
        this.config = unnamedConfig;
        this.clientName = clientName;
        this.endpoint = endpoint;
        this.timeoutMillis = unnamedConfig.getSocketTimeoutMillis();
        this.setName = new CommandObject<>(new CommandArguments(Protocol.Command.CLIENT).add(Protocol.Keyword.SETNAME)
                .add(clientName), BuilderFactory.STRING);
    }

    @Override
    protected void initialize(Connection connection) {
        try {
            super.initialize(connection);
        } catch (JedisConnectionException failed) {
            throw endpoint.tls() ? TlsFailures.duringSetup(failed, endpoint, timeoutMillis) : failed;
        }
        if (refusal.get() != null) {
            return;
        }
        if (answered) {
            name(connection);
            return;
        }
        // Until the server has accepted or refused one name, connections opened at once ask one at a time,
        // so that a refusing server is asked once per pool, not once per connection.
        synchronized (firstAnswer) {
            if (refusal.get() == null) {
                name(connection);
            }
            answered = true;
        }
    }

    /** Sends {@code CLIENT SETNAME}; a refusal is remembered and logged once, a broken connection closed and thrown. */
    private void name(Connection connection) {
        try {
            connection.executeCommand(setName);
        } catch (JedisDataException refused) {
            // NOPERM from an ACL, or ERR unknown command where a service renamed it away.
            String reason = "Redis at " + endpoint.redacted() + " refused CLIENT SETNAME (" + firstLine(refused.getMessage())
                    + "); connections of " + clientName + " stay unnamed in CLIENT LIST; grant the user "
                    + "+client|setname to name them";
            if (refusal.compareAndSet(null, reason)) {
                LOG.warn("wmon: {}", reason);
            }
        } catch (JedisException broken) {
            connection.close();
            throw broken;
        }
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
