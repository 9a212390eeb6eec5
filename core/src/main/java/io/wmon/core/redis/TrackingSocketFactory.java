package io.wmon.core.redis;

import java.net.Socket;
import redis.clients.jedis.DefaultJedisSocketFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;

/**
 * Jedis's own socket factory (plain or TLS, with the config's timeouts), which also hands every
 * socket it connects to {@link PoolSockets}, so that the pool knows the local ports of its
 * connections.
 *
 * <p>It stays a {@link DefaultJedisSocketFactory}: Jedis reads the host and port of a connection
 * through that type.
 */
final class TrackingSocketFactory extends DefaultJedisSocketFactory {

    private final PoolSockets sockets;

    TrackingSocketFactory(HostAndPort hostAndPort, JedisClientConfig config, PoolSockets sockets) {
        super(hostAndPort, config);
        this.sockets = sockets;
    }

    @Override
    public Socket createSocket() {
        Socket socket = super.createSocket();
        sockets.opened(socket);
        return socket;
    }
}
