package io.wmon.core.redis;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JVM's shared Redis pools: one bounded pool per endpoint, created on first use,
 * reference-counted, and closed when the last user releases it.
 *
 * <p>This is the core guarantee of wmon: however often a caller asks (a monitor refreshing every
 * few seconds, several components in one worker), the same endpoint gets the same pool, so the
 * number of connections stays at most {@code maxTotal}. The first caller's client name and
 * settings win; later callers share what exists.
 */
public final class SharedPoolRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(SharedPoolRegistry.class);
    private static final SharedPoolRegistry JVM = new SharedPoolRegistry();

    private final Map<RedisEndpoint, PoolEntry> entries = new HashMap<>();

    SharedPoolRegistry() {
    }

    /** The registry of this JVM. */
    public static SharedPoolRegistry jvm() {
        return JVM;
    }

    /**
     * A lease on the pool for {@code endpoint}, creating the pool if none is open. Close the lease
     * when done; the pool closes with the last lease. Never connects: Redis may be down.
     */
    public synchronized SharedPool acquire(RedisEndpoint endpoint, String clientName, PoolSettings settings) {
        PoolEntry entry = entries.get(endpoint);
        if (entry == null) {
            entry = new PoolEntry(endpoint, clientName, settings, this);
            entries.put(endpoint, entry);
            LOG.debug("opened shared pool {} for {} ({})", clientName, endpoint, settings);
        } else if (entry.settings().maxTotal() != settings.maxTotal()) {
            LOG.debug("shared pool for {} already open with maxTotal={}; reusing it", endpoint,
                    entry.settings().maxTotal());
        }
        entry.retain();
        return new SharedPool(entry);
    }

    /** How many pools are open in this JVM (for tests and diagnostics). */
    public synchronized int openPoolCount() {
        return entries.size();
    }

    synchronized void release(PoolEntry entry) {
        if (entry.releaseAndIsLast()) {
            entries.remove(entry.endpoint(), entry);
            entry.closeResources();
            LOG.debug("closed shared pool for {}", entry.endpoint());
        }
    }
}
