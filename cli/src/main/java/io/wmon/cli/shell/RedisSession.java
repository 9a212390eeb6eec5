package io.wmon.cli.shell;

import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.fleet.FleetReader;
import io.wmon.core.redis.BreakerDelays;
import io.wmon.core.redis.ConnectionNames;
import io.wmon.core.redis.PoolSettings;
import io.wmon.core.redis.RedisEndpoint;
import io.wmon.core.redis.SharedPool;
import io.wmon.core.redis.SharedPoolRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * The CLI's one Redis connection: a shared pool bounded to a single connection named
 * {@code wmon:cli:<ns>:<pid>}, reused for every command and every refresh cycle of a run.
 *
 * <p>Opening it never connects; the first command does. Idle eviction is long enough that a
 * {@code --continuous} loop keeps the same connection between cycles.
 */
public final class RedisSession implements AutoCloseable {

    /** The longest a refresh loop waits between two attempts while Redis is down (its first wait is the interval). */
    public static final Duration MAX_BREAKER_DELAY = Duration.ofSeconds(10);

    /** One daemon thread for the whole process; it never holds a connection. */
    private static final Executor DECODER = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "wmon-decode");
        thread.setDaemon(true);
        return thread;
    });

    private final SharedPool pool;
    /** Where a warning about the connection goes (the command's stderr); {@code null}: nowhere. */
    private java.io.PrintWriter warnings;

    private RedisSession(SharedPool pool) {
        this.pool = pool;
    }

    public static RedisSession open(WmonCommand root) {
        return open(root, Duration.ZERO);
    }

    /**
     * A session whose connection survives {@code pause} without traffic (the pause between two
     * refresh cycles): the pool evicts an idle connection only after max(60 s, 2 × pause), so a
     * slow {@code --interval} keeps one connection instead of reconnecting every cycle.
     */
    public static RedisSession open(WmonCommand root, Duration pause) {
        RedisSession session = open(root.endpoint(), root.namespace(), pause);
        session.warnings = root.spec.commandLine().getErr();
        return session;
    }

    /**
     * A session on {@code endpoint} whose connection is named for {@code namespace}; see
     * {@link #open(WmonCommand, Duration)}.
     */
    public static RedisSession open(RedisEndpoint endpoint, String namespace, Duration pause) {
        PoolSettings defaults = PoolSettings.defaults();
        Duration keep = pause.multipliedBy(2).compareTo(defaults.minEvictableIdle()) > 0 ? pause.multipliedBy(2)
                : defaults.minEvictableIdle();
        PoolSettings settings = defaults.withMaxTotal(1).withEviction(defaults.evictionInterval(), keep);
        if (!pause.isZero()) {
            // A refresh loop tries Redis at most once per cycle while it is down, less often as the outage lasts.
            settings = settings.withBreakerDelays(BreakerDelays.of(pause, MAX_BREAKER_DELAY));
        }
        String name = ConnectionNames.cli(namespace, ProcessHandle.current().pid());
        return new RedisSession(SharedPoolRegistry.jvm().acquire(endpoint, name, settings));
    }

    /** The name of the session's connection in {@code CLIENT LIST}: {@code wmon:cli:<ns>:<pid>}. */
    public String clientName() {
        return pool.clientName();
    }

    public SharedPool pool() {
        return pool;
    }

    /**
     * A reader of the namespace {@code keys} over this session's connection. It decodes each batch
     * of replies on a second thread while the next batch is read, which cuts a 10,000-worker read
     * by about a quarter on two cores (see docs/performance.md).
     */
    public FleetReader fleetReader(FleetKeys keys) {
        return new FleetReader(pool, keys, Clock.systemUTC(), DECODER);
    }

    @Override
    public void close() {
        String refusal = pool.namingRefusal();
        if (refusal != null && warnings != null) {
            warnings.println("wmon: warning: " + refusal);
            warnings.flush();
        }
        pool.close();
    }
}
