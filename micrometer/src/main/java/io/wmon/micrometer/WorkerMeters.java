package io.wmon.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** The {@code wmon.worker.*} meters of {@code io.wmon:type=Worker}. */
final class WorkerMeters {

    /** Every value of the Worker bean's State attribute; one {@code wmon.worker.state} gauge each. */
    static final String[] STATES = {"starting", "idle", "busy", "paused", "stopping", "stopped"};

    private WorkerMeters() {
    }

    /**
     * Binds the worker meters, tagged with the bean's Namespace and Id as they are now: both are fixed
     * while the agent runs.
     */
    static void bind(MBeanServer server, MeterRegistry registry, ObjectName bean, Set<String> attributes) {
        Tags tags = Tags.of("wmon.namespace", textOr(server, bean, "Namespace"),
                "wmon.worker.id", textOr(server, bean, "Id"));
        MeterTarget target = new MeterTarget(server, registry, bean, attributes, tags);
        target.counter("wmon.worker.heartbeats", "HeartbeatCount", "Heartbeats written to Redis", Tags.empty());
        target.counter("wmon.worker.heartbeat.failures", "HeartbeatFailureCount", "Heartbeats that failed",
                Tags.empty());
        target.counter("wmon.worker.jobs.processed", "JobsProcessedCount", "Jobs the application reported done",
                Tags.empty());
        target.counter("wmon.worker.jobs.failed", "JobsFailedCount", "Jobs the application reported failed",
                Tags.empty());
        target.counter("wmon.worker.truncated.values", "TruncatedValueCount",
                "Values cut to their documented length before publishing", Tags.empty());
        target.counter("wmon.worker.events.dropped", "EventsDroppedCount",
                "Events never written to the event stream", Tags.empty());
        for (String state : STATES) {
            target.stateGauge("wmon.worker.state", "State", "state", state, "1 while the worker is in this state");
        }
        target.timeGauge("wmon.worker.redis.round.trip", "RedisRoundTripMicros", TimeUnit.MICROSECONDS,
                "The last successful heartbeat's write pipeline");
        target.gauge("wmon.worker.redis.available", "RedisAvailable",
                "1 when the last heartbeat reached Redis, else 0", Tags.empty());
        target.gauge("wmon.worker.redis.sockets", "RedisSocketCount",
                "Established TCP connections of this JVM to Redis, the agent's included", Tags.empty());
        target.gauge("wmon.worker.app.redis.sockets", "AppRedisSocketCount",
                "Redis sockets of this JVM that are not the agent's", Tags.empty());
        target.gauge("wmon.worker.redis.sockets.peak", "RedisSocketPeak",
                "Highest Redis socket count of any census", Tags.empty());
        target.gauge("wmon.worker.app.pools", "AppPoolCount",
                "The application's own commons-pool pools", Tags.empty());
        target.gauge("wmon.worker.app.connections", "AppActiveConnections",
                "Connections of the application's own pools", Tags.of("state", "used"));
        target.gauge("wmon.worker.app.connections", "AppIdleConnections",
                "Connections of the application's own pools", Tags.of("state", "idle"));
    }

    private static String textOr(MBeanServer server, ObjectName bean, String attribute) {
        String text = new AttributeReading(bean, attribute).text(server);
        return text == null ? "" : text;
    }
}
