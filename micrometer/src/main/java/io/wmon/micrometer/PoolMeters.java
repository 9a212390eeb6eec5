package io.wmon.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The meters of one {@code io.wmon:type=RedisPool,name=<pool>} bean: OpenTelemetry's
 * {@code db.client.connection.*} and wmon's own {@code wmon.redis.pool.*} counters.
 */
final class PoolMeters {

    private PoolMeters() {
    }

    static void bind(MBeanServer server, MeterRegistry registry, ObjectName bean, Set<String> attributes) {
        Tags tags = Tags.of("db.system.name", "redis", "db.client.connection.pool.name", poolName(bean));
        MeterTarget target = new MeterTarget(server, registry, bean, attributes, tags);
        target.gauge("db.client.connection.count", "Active", "Connections of the pool",
                Tags.of("db.client.connection.state", "used"));
        target.gauge("db.client.connection.count", "Idle", "Connections of the pool",
                Tags.of("db.client.connection.state", "idle"));
        target.gauge("db.client.connection.max", "MaxTotal", "Most connections the pool opens",
                Tags.empty());
        target.gauge("db.client.connection.idle.max", "MaxIdle", "Most idle connections kept",
                Tags.empty());
        target.gauge("db.client.connection.idle.min", "MinIdle", "Fewest idle connections kept",
                Tags.empty());
        target.gauge("db.client.connection.pending_requests", "Waiters",
                "Borrows waiting for a connection", Tags.empty());
        target.counter("db.client.connection.timeouts", "ExhaustedCount",
                "Borrows that gave up after the pool's max wait", Tags.empty());
        target.counter("wmon.redis.pool.connections.opened", "CreatedCount", "Connections the pool opened",
                Tags.empty());
        target.counter("wmon.redis.pool.connections.closed", "DestroyedCount", "Connections the pool closed",
                Tags.empty());
        target.counter("wmon.redis.pool.borrows", "BorrowedCount", "Successful borrows", Tags.empty());
        target.counter("wmon.redis.pool.returns", "ReturnedCount", "Returns to the pool", Tags.empty());
        target.timeGauge("wmon.redis.pool.borrow.wait.mean", "MeanBorrowWaitMillis", TimeUnit.MILLISECONDS,
                "Mean wait of the recent borrows");
        target.timeGauge("wmon.redis.pool.borrow.wait.max", "MaxBorrowWaitMillis", TimeUnit.MILLISECONDS,
                "Longest wait of any borrow");
    }

    /** The {@code name} key as the agent wrote it: ObjectNames quote a name holding {@code :}. */
    static String poolName(ObjectName bean) {
        String name = bean.getKeyProperty("name");
        return name.startsWith("\"") ? ObjectName.unquote(name) : name;
    }
}
