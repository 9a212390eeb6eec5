package io.wmon.agent.census;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.Set;

/**
 * Which remote ends of a TCP connection are Redis: any address on one of the listed ports, or the
 * agent's endpoint itself (its resolved addresses on its port), whatever the list says.
 *
 * <p>Addresses are compared in their IPv6 form, an IPv4 address as {@code ::ffff:a.b.c.d}, which is how
 * a dual-stack JVM's socket to an IPv4 server appears in {@code /proc/net/tcp6}.
 */
final class RedisRemotes {

    private final boolean[] ports = new boolean[65536];
    private final Set<Remote> endpoints = new HashSet<>();

    /**
     * @param ports remote ports that count as Redis whatever the address, 1..65535
     * @param endpointAddresses the agent's endpoint host, resolved (may be empty when it does not resolve)
     * @param endpointPort the agent's endpoint port
     */
    RedisRemotes(Set<Integer> ports, InetAddress[] endpointAddresses, int endpointPort) {
        for (int port : ports) {
            this.ports[port] = true;
        }
        for (InetAddress address : endpointAddresses) {
            add(address, endpointPort);
        }
    }

    /** Also counts {@code address:port} as Redis: the remote end of one of the agent's own connections. */
    void add(InetAddress address, int port) {
        long[] v6 = v6(address);
        if (v6 != null) {
            endpoints.add(new Remote(v6[0], v6[1], port));
        }
    }

    /** Whether the remote end {@code hi:lo} (an IPv6 address as two longs), {@code port} is Redis. */
    boolean matches(long hi, long lo, int port) {
        return (port > 0 && port < ports.length && ports[port])
                || (!endpoints.isEmpty() && endpoints.contains(new Remote(hi, lo, port)));
    }

    /** {@code address} as the two halves of its IPv6 form; {@code null} for an unknown kind. */
    static long[] v6(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            long v4 = (b[0] & 0xFFL) << 24 | (b[1] & 0xFFL) << 16 | (b[2] & 0xFFL) << 8 | b[3] & 0xFFL;
            return new long[] {0, 0xFFFF_0000_0000L | v4};
        }
        if (address instanceof Inet6Address) {
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < 8; i++) {
                hi = hi << 8 | b[i] & 0xFF;
                lo = lo << 8 | b[i + 8] & 0xFF;
            }
            return new long[] {hi, lo};
        }
        return null;
    }

    /** A remote address and port; equal when both are. */
    private static final class Remote {
        private final long hi;
        private final long lo;
        private final int port;

        Remote(long hi, long lo, int port) {
            this.hi = hi;
            this.lo = lo;
            this.port = port;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Remote)) {
                return false;
            }
            Remote r = (Remote) o;
            return hi == r.hi && lo == r.lo && port == r.port;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(hi * 31 + lo) * 31 + port;
        }
    }
}
