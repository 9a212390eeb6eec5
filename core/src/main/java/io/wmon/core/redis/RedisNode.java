package io.wmon.core.redis;

import java.util.Locale;
import java.util.Objects;

/** One Redis server's address: a standalone server, a sentinel, or a cluster seed node. */
public final class RedisNode {

    private final String host;
    private final int port;

    public RedisNode(String host, int port) {
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** {@code host:port}, an IPv6 host in brackets. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RedisNode && ((RedisNode) o).port == port && ((RedisNode) o).host.equalsIgnoreCase(host);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host.toLowerCase(Locale.ROOT), port);
    }
}
