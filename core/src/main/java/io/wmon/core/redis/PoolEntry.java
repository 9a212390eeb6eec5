package io.wmon.core.redis;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.RedisClient;

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
    private final NamingConnectionFactory connections;
    private final RedisClient client;
    private final AtomicLong exhausted = new AtomicLong();
    private final RedisBreaker breaker;
    private int references;

    PoolEntry(RedisEndpoint endpoint, String clientName, PoolSettings settings, SharedPoolRegistry registry) {
        this.endpoint = endpoint;
        this.clientName = clientName;
        this.settings = settings;
        this.registry = registry;
        this.connections = RedisClientFactory.connections(endpoint, clientName, settings);
        this.client = RedisClientFactory.pooledClient(connections, settings, clientName);
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

    RedisClient client() {
        return client;
    }

    /** Why the pool's connections are unnamed, or {@code null}; see {@link NamingConnectionFactory}. */
    String namingRefusal() {
        return connections.refusal();
    }

    /** A socket factory whose sockets count as the pool's; see {@link NamingConnectionFactory#trackedSocketFactory()}. */
    redis.clients.jedis.JedisSocketFactory trackedSocketFactory() {
        return connections.trackedSocketFactory();
    }

    /** The ends of the pool's open connections; see {@link PoolSockets}. */
    List<SocketEnds> openSockets() {
        return connections.openSockets();
    }

    /** Whether the server refused {@code CLIENT SETINFO}; see {@link NamingConnectionFactory}. */
    boolean setInfoRefused() {
        return connections.setInfoRefused();
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
