package io.wmon.agent.census;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

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

    /** A socket that the census does not count. */
    private static final Known NOT_COUNTED = new Known(false, 0, 0);

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
