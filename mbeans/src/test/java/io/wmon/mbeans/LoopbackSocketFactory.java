package io.wmon.mbeans;

import java.io.Serializable;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.RMIServerSocketFactory;

/**
 * Keeps the test's RMI connector on loopback: the server listens on 127.0.0.1 only, and the stub
 * dials 127.0.0.1 whatever host name RMI put into it.
 */
final class LoopbackSocketFactory implements RMIServerSocketFactory, RMIClientSocketFactory, Serializable {

    private static final long serialVersionUID = 1L;

    @Override
    public ServerSocket createServerSocket(int port) throws java.io.IOException {
        return new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    }

    @Override
    public Socket createSocket(String host, int port) throws java.io.IOException {
        return new Socket(InetAddress.getLoopbackAddress(), port);
    }

    // RMI shares an endpoint between exports whose factories are equal.
    @Override
    public boolean equals(Object o) {
        return o instanceof LoopbackSocketFactory;
    }

    @Override
    public int hashCode() {
        return LoopbackSocketFactory.class.hashCode();
    }
}
