package io.wmon.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP port on loopback that accepts connections as Redis would and then never answers, or closes
 * each at once: what a hung server, a half-dead proxy or the wrong port looks like to a client. It
 * notes when each connection was accepted, so a test counts connection attempts exactly.
 */
final class DeadEndListener implements AutoCloseable {

    /** What the listener does with a connection it accepted. */
    enum Behaviour {
        /** Keeps it open and never sends a byte. */
        NEVER_ANSWERS,
        /** Closes it right away. */
        CLOSES_AT_ONCE
    }

    private final ServerSocket server;
    private final Behaviour behaviour;
    private final Thread acceptor;
    private final List<Long> acceptedMillis = new ArrayList<>();
    private final List<Socket> held = new ArrayList<>();

    private DeadEndListener(ServerSocket server, Behaviour behaviour) {
        this.server = server;
        this.behaviour = behaviour;
        this.acceptor = new Thread(this::acceptAll, "dead-end-" + behaviour + "-" + server.getLocalPort());
        this.acceptor.setDaemon(true);
    }

    static DeadEndListener open(Behaviour behaviour) {
        try {
            DeadEndListener listener = new DeadEndListener(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()),
                    behaviour);
            listener.acceptor.start();
            return listener;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on loopback", e);
        }
    }

    /** {@code redis://127.0.0.1:<port>}, to give the agent. */
    String url() {
        return "redis://127.0.0.1:" + server.getLocalPort();
    }

    /** When each connection was accepted, epoch ms, in order. */
    synchronized List<Long> acceptedMillis() {
        return List.copyOf(acceptedMillis);
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                synchronized (this) {
                    acceptedMillis.add(System.currentTimeMillis());
                    if (behaviour == Behaviour.NEVER_ANSWERS) {
                        held.add(socket);
                    }
                }
                if (behaviour == Behaviour.CLOSES_AT_ONCE) {
                    socket.close();
                }
            } catch (IOException e) {
                // closed: the loop ends
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        synchronized (this) {
            for (Socket socket : held) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // the peer may have closed it
                }
            }
            held.clear();
        }
    }
}
