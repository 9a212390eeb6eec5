package io.wmon.core.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP listener on a free loopback port that counts the connections it accepts and then either
 * closes each at once (a server that refuses us after the handshake) or holds it open without a
 * byte (a server that never answers).
 */
final class CountingListener implements AutoCloseable {

    private final ServerSocket server;
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Socket> held = new ArrayList<>();
    private final Thread acceptor;

    private CountingListener(boolean answerNever) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> accept(answerNever), "counting-listener");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Accepts and closes at once. */
    static CountingListener closingEachConnection() throws IOException {
        return new CountingListener(false);
    }

    /** Accepts and never sends a byte. */
    static CountingListener neverAnswering() throws IOException {
        return new CountingListener(true);
    }

    private void accept(boolean answerNever) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted.incrementAndGet();
                if (answerNever) {
                    synchronized (held) {
                        held.add(socket);
                    }
                } else {
                    socket.close();
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    String url() {
        return "redis://127.0.0.1:" + server.getLocalPort();
    }

    int accepted() {
        return accepted.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (held) {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
