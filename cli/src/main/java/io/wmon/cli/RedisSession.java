package io.wmon.cli;

import io.wmon.core.redis.ConnectionNames;
import io.wmon.core.redis.PoolSettings;
import io.wmon.core.redis.SharedPool;
import io.wmon.core.redis.SharedPoolRegistry;

/**
 * The CLI's one Redis connection: a shared pool bounded to a single connection named
 * {@code wmon:cli:<ns>:<pid>}, reused for every command and every refresh cycle of a run.
 *
 * <p>Opening it never connects; the first command does. Idle eviction is long enough that a
 * {@code --continuous} loop keeps the same connection between cycles.
 */
public final class RedisSession implements AutoCloseable {

    private final SharedPool pool;

    private RedisSession(SharedPool pool) {
        this.pool = pool;
    }

    public static RedisSession open(WmonCommand root) {
        PoolSettings settings = PoolSettings.defaults().withMaxTotal(1);
        String name = ConnectionNames.cli(root.namespace(), ProcessHandle.current().pid());
        return new RedisSession(SharedPoolRegistry.jvm().acquire(root.endpoint(), name, settings));
    }

    public SharedPool pool() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}
