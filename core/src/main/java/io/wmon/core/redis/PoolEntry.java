package io.wmon.core.redis;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One open pool of the registry: the client, its circuit breaker, its reference count and the
 * exhaustion counter.
 * Guarded by the registry's lock for retain/release.
 */
final class PoolEntry {

    private final RedisEndpoint endpoint;
    private final String clientName;
    private final PoolSettings settings;
    private final SharedPoolRegistry registry;
    private final TopologyClient client;
    private final AtomicLong exhausted = new AtomicLong();
    private final RedisBreaker breaker;
    private int references;

    PoolEntry(RedisEndpoint endpoint, String clientName, PoolSettings settings, SharedPoolRegistry registry) {
        this.endpoint = endpoint;
        this.clientName = clientName;
        this.settings = settings;
        this.registry = registry;
        this.client = TopologyClient.of(endpoint, clientName, settings);
        this.breaker = new RedisBreaker(endpoint.redacted(), settings.breakerDelays());
    }

    RedisEndpoint endpoint() {
        return endpoint;
    }

    String clientName() {
        return clientName;
    }

    PoolSettings settings() {
        return settings;
    }

    TopologyClient client() {
        return client;
    }

    /** Why the pool's connections are unnamed, or {@code null}; see {@link NamingConnectionFactory}. */
    String namingRefusal() {
        return client.namingRefusal();
    }

    /** The ends of the pool's open connections whose sockets are known; see {@link TopologyClient#trackedSockets()}. */
    List<SocketEnds> openSockets() {
        return client.trackedSockets();
    }

    /** Whether the server refused {@code CLIENT SETINFO}; see {@link NamingConnectionFactory}. */
    boolean setInfoRefused() {
        return client.setInfoRefused();
    }

    RedisBreaker breaker() {
        return breaker;
    }

    void countExhausted() {
        exhausted.incrementAndGet();
    }

    long exhaustedCount() {
        return exhausted.get();
    }

    void retain() {
        references++;
    }

    boolean releaseAndIsLast() {
        references--;
        return references == 0;
    }

    void release() {
        registry.release(this);
    }

    void closeResources() {
        client.close();
    }
}
