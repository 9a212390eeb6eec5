package io.wmon.core.redis;

import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sockets of one pool's live connections, so that the agent can tell its own connections from
 * the application's: every socket the pool's {@link TrackingSocketFactory} opened, until it is
 * closed.
 *
 * <p>A socket is remembered when it connects and forgotten once closed (Jedis closes it when the
 * pool destroys the connection: evicted, broken, or at shutdown); {@link #open()} drops the closed
 * ones as it goes, so the set holds at most the pool's {@code maxTotal} sockets plus those closed
 * since the last look. Thread-safe: connections are made on whichever thread borrows.
 */
final class PoolSockets {

    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    /** Remembers a socket that just connected. */
    void opened(Socket socket) {
        sockets.add(socket);
    }

    /** The ends of every socket still open, in no particular order; forgets the closed ones. */
    List<SocketEnds> open() {
        if (sockets.isEmpty()) {
            return Collections.emptyList();
        }
        List<SocketEnds> open = new ArrayList<>(sockets.size());
        for (Iterator<Socket> it = sockets.iterator(); it.hasNext(); ) {
            Socket socket = it.next();
            if (socket.isClosed() || !socket.isConnected() || socket.getInetAddress() == null) {
                it.remove();
            } else {
                open.add(new SocketEnds(socket.getLocalPort(), socket.getInetAddress(), socket.getPort()));
            }
        }
        return open;
    }

    /** How many sockets are remembered, closed ones not yet dropped included (for tests). */
    int remembered() {
        return sockets.size();
    }
}
