package io.wmon.test.topology;

import io.wmon.test.RedisProbe;
import javax.net.ssl.SSLSocketFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The deployments' own connections to their servers, named {@value #CLIENT_NAME}: a harness name,
 * which the connection counts of {@link RedisProbe} and {@code ConnectionSampler} leave out. Plain, or
 * TLS trusting the test CA when the deployment speaks TLS only; authenticated ({@code AUTH} as the default
 * user, or as an ACL user) when the servers they reach ask for a password ({@link #withPassword},
 * {@link #withCredentials}). One instance serves one kind
 * of server: a Sentinel deployment has one for its data nodes and one for its sentinels.
 */
final class HarnessConnections {

    static final String CLIENT_NAME = RedisProbe.HARNESS_NAME_PREFIX + "topology";
    /** Connect and read timeout of set-up commands, in milliseconds: generous for loopback on a loaded machine. */
    static final int SETUP_TIMEOUT_MILLIS = 3_000;
    /** Connect and read timeout of one readiness check, in milliseconds: a check is retried, so short. */
    static final int CHECK_TIMEOUT_MILLIS = 500;
    /** Connections of a deployment without TLS. */
    static final HarnessConnections PLAIN = new HarnessConnections(null, null, null);

    /** Null for plain connections. */
    private final SSLSocketFactory tls;
    /** Null when the servers ask for none. */
    private final String password;
    /** The ACL user the password is for; null for the default user. */
    private final String user;

    private HarnessConnections(SSLSocketFactory tls, String user, String password) {
        this.tls = tls;
        this.user = user;
        this.password = password;
    }

    /** Plain connections when {@code tls} is null, else TLS ones trusting its CA; without a password. */
    static HarnessConnections of(TopologyTls tls) {
        return tls == null ? PLAIN : new HarnessConnections(tls.clientSocketFactory(), null, null);
    }

    /** The same kind of connections, authenticating with {@code password}; these ones when it is null. */
    HarnessConnections withPassword(String password) {
        return withCredentials(null, password);
    }

    /** The same kind of connections, authenticating as ACL user {@code user} (null: the default user) with {@code password}. */
    HarnessConnections withCredentials(String user, String password) {
        return password == null ? this : new HarnessConnections(tls, user, password);
    }

    /** A new connection to {@code node}, which the caller closes; fails when the server does not answer. */
    Jedis open(HostAndPort node, int timeoutMillis) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .clientName(CLIENT_NAME)
                .connectionTimeoutMillis(timeoutMillis)
                .socketTimeoutMillis(timeoutMillis);
        if (tls != null) {
            config.ssl(true).sslSocketFactory(tls);
        }
        if (password != null) {
            config.user(user).password(password);
        }
        Jedis jedis = new Jedis(node, config.build());
        try {
            jedis.connect();
        } catch (RuntimeException e) {
            jedis.close();
            throw e;
        }
        return jedis;
    }

    /** {@link #open(HostAndPort, int)} with the set-up timeout. */
    Jedis open(HostAndPort node) {
        return open(node, SETUP_TIMEOUT_MILLIS);
    }

    /** The probe of {@code node}, over the same kind of connection (with the same password). */
    RedisProbe probe(HostAndPort node) {
        if (password != null) {
            return RedisProbe.withCredentials(node.getHost(), node.getPort(), user, password, tls);
        }
        return tls == null ? RedisProbe.at(node.getHost(), node.getPort())
                : RedisProbe.overTls(node.getHost(), node.getPort(), tls);
    }
}
