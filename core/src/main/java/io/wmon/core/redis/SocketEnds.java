package io.wmon.core.redis;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Both ends of one open TCP connection of a pool, as its socket reports them: the local port, and
 * the server's address and port. Immutable.
 *
 * <p>The agent's socket census uses it to tell the pool's own sockets from the application's
 * (by local and remote port) and to recognise the pool's server among the JVM's connections.
 */
public final class SocketEnds {

    private final int localPort;
    private final InetAddress remoteAddress;
    private final int remotePort;

    /**
     * @param localPort the connection's local port, 1..65535
     * @param remoteAddress the server's address
     * @param remotePort the server's port, 1..65535
     */
    public SocketEnds(int localPort, InetAddress remoteAddress, int remotePort) {
        this.localPort = localPort;
        this.remoteAddress = Objects.requireNonNull(remoteAddress, "remoteAddress");
        this.remotePort = remotePort;
    }

    public int localPort() {
        return localPort;
    }

    public InetAddress remoteAddress() {
        return remoteAddress;
    }

    public int remotePort() {
        return remotePort;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SocketEnds)) {
            return false;
        }
        SocketEnds other = (SocketEnds) o;
        return localPort == other.localPort && remotePort == other.remotePort
                && remoteAddress.equals(other.remoteAddress);
    }

    @Override
    public int hashCode() {
        return Objects.hash(localPort, remoteAddress, remotePort);
    }

    @Override
    public String toString() {
        return ":" + localPort + " -> " + remoteAddress.getHostAddress() + ":" + remotePort;
    }
}
