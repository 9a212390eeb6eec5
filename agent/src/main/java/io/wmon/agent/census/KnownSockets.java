package io.wmon.agent.census;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * What the census learnt about each socket inode of the JVM from the TCP tables: an established
 * connection (to Redis or not, with its local and remote port), or no connection the census counts
 * (listening, closing, UDP, Unix, not connected when looked up).
 *
 * <p>A connection's ends never change while its descriptor stays open, so what was learnt holds
 * until the inode disappears from {@code /proc/self/fd}; only its state may move on (the server
 * closes it: CLOSE_WAIT), which {@link SocketCensus} catches up with at its periodic full read.
 * Used by one thread.
 */
final class KnownSockets {

    /** A socket the TCP tables list in a state the census does not count (listening, closing). */
    private static final Known NOT_COUNTED = new Known(false, 0, 0);
    /** A socket neither TCP table lists: UDP, Unix, or a TCP socket not connected when it was looked up. */
    private static final Known NOT_LISTED = new Known(false, 0, 0);

    private final Map<Long, Known> known = new HashMap<>();

    boolean knows(long inode) {
        return known.containsKey(inode);
    }

    /** The socket, or null when not learnt yet. */
    Known get(long inode) {
        return known.get(inode);
    }

    void established(long inode, boolean redis, int localPort, int remotePort) {
        known.put(inode, redis ? new Known(true, localPort, remotePort) : NOT_COUNTED);
    }

    void notCounted(long inode) {
        known.put(inode, NOT_COUNTED);
    }

    /**
     * No table lists the socket. The first time it may be a TCP socket about to connect, looked up again at
     * the next full read; a socket no full read lists either is settled as not counted (UDP, Unix, or a TCP
     * socket that stayed unconnected all that time), so that it costs no more full reads.
     */
    void notListed(long inode) {
        known.put(inode, known.get(inode) == NOT_LISTED ? NOT_COUNTED : NOT_LISTED);
    }

    /**
     * Whether a full read could change what is known: an established connection to Redis that is not one
     * of {@code ownKeys} (the application's, which the server may have closed), or a socket no table listed
     * (it may have connected since). The agent's own connections need no check: its pool closes them.
     */
    boolean worthRereading(LongPredicate own) {
        for (Known socket : known.values()) {
            if (socket == NOT_LISTED || socket.redis && !own.test(SocketCensus.key(socket.localPort, socket.remotePort))) {
                return true;
            }
        }
        return false;
    }

    /** Forgets every inode not in {@code open}: its descriptor was closed. */
    void retainOnly(Set<Long> open) {
        for (Iterator<Long> it = known.keySet().iterator(); it.hasNext(); ) {
            if (!open.contains(it.next())) {
                it.remove();
            }
        }
    }

    int size() {
        return known.size();
    }

    /** One socket: whether it is an established connection to Redis, and then its two ports. */
    static final class Known {
        final boolean redis;
        final int localPort;
        final int remotePort;

        Known(boolean redis, int localPort, int remotePort) {
            this.redis = redis;
            this.localPort = localPort;
            this.remotePort = remotePort;
        }
    }
}
