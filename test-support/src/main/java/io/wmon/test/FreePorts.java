package io.wmon.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Finds a TCP port on the loopback interface that is free right now.
 *
 * <p>The port is only reserved while the probe socket is open, so another process may take it
 * before the server binds it; callers retry with a new port when the server fails to bind.
 * Public for the deployments of several servers in {@code io.wmon.test.topology}.
 */
public final class FreePorts {

    /** The address every server the tests own listens on: never reachable from the network. */
    public static final String LOOPBACK = "127.0.0.1";

    private FreePorts() {
    }

    /** Returns a port number that was free on 127.0.0.1 a moment ago. */
    public static int find() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback interface", e);
        }
    }
}
