package io.wmon.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.management.ObjectName;

/**
 * The metrics {@code docs/apm/datadog-jmx.yaml} documents (docs/apm.md, "Datadog (JMXFetch)"): for
 * each, the bean and attribute it reads, how JMXFetch turns the attribute into a value, and the tags
 * it carries; and what a collection of JMXFetch must therefore print, given the beans read over JMX.
 */
final class DatadogSeries {

    /** How the printed value follows from the attribute. */
    enum Kind {
        /** The attribute's value (a boolean as 1 or 0). */
        GAUGE,
        /** The number the file's {@code values:} mapping gives the attribute's text. */
        CODE,
        /** {@code monotonic_count}: the growth since the previous collection; nothing at the first. */
        COUNT
    }

    /** One documented metric of one kind of bean. */
    record Series(WmonBeans.Kind bean, String metric, String attribute, Kind kind, List<String> tags) {
    }

    /** A printed metric: its name and its tags (JMXFetch's order and repeats do not matter to Datadog). */
    record Key(String name, Set<String> tags) {
    }

    /** The instance of the check as the test configures it, and the file's mappings of text to numbers. */
    record Instance(String name, String namespace, String workerId, Map<String, Map<String, Number>> codes) {

        List<String> ownTags() {
            return List.of("wmon_namespace:" + namespace, "wmon_worker_id:" + workerId);
        }
    }

    static final List<Series> ALL = List.of(
            worker("wmon.worker.heartbeats", "HeartbeatCount", Kind.COUNT),
            worker("wmon.worker.heartbeat.failures", "HeartbeatFailureCount", Kind.COUNT),
            worker("wmon.worker.jobs.processed", "JobsProcessedCount", Kind.COUNT),
            worker("wmon.worker.jobs.failed", "JobsFailedCount", Kind.COUNT),
            worker("wmon.worker.truncated.values", "TruncatedValueCount", Kind.COUNT),
            worker("wmon.worker.events.dropped", "EventsDroppedCount", Kind.COUNT),
            worker("wmon.worker.state.code", "State", Kind.CODE),
            worker("wmon.worker.redis.round_trip.micros", "RedisRoundTripMicros", Kind.GAUGE),
            worker("wmon.worker.redis.available", "RedisAvailable", Kind.GAUGE),
            worker("wmon.worker.last_heartbeat.epoch_millis", "LastHeartbeatMillis", Kind.GAUGE),
            worker("wmon.worker.start_time.epoch_millis", "StartedAtMillis", Kind.GAUGE),
            worker("wmon.worker.redis.sockets", "RedisSocketCount", Kind.GAUGE),
            worker("wmon.worker.app.redis.sockets", "AppRedisSocketCount", Kind.GAUGE),
            worker("wmon.worker.redis.sockets.peak", "RedisSocketPeak", Kind.GAUGE),
            worker("wmon.worker.app.pools", "AppPoolCount", Kind.GAUGE),
            new Series(WmonBeans.Kind.WORKER, "wmon.worker.app.connections", "AppActiveConnections", Kind.GAUGE,
                    List.of("state:used")),
            new Series(WmonBeans.Kind.WORKER, "wmon.worker.app.connections", "AppIdleConnections", Kind.GAUGE,
                    List.of("state:idle")),
            new Series(WmonBeans.Kind.POOL, "db.client.connection.count", "Active", Kind.GAUGE,
                    List.of("db_client_connection_state:used")),
            new Series(WmonBeans.Kind.POOL, "db.client.connection.count", "Idle", Kind.GAUGE,
                    List.of("db_client_connection_state:idle")),
            pool("db.client.connection.max", "MaxTotal", Kind.GAUGE),
            pool("db.client.connection.idle.max", "MaxIdle", Kind.GAUGE),
            pool("db.client.connection.idle.min", "MinIdle", Kind.GAUGE),
            pool("db.client.connection.pending_requests", "Waiters", Kind.GAUGE),
            pool("db.client.connection.timeouts", "ExhaustedCount", Kind.COUNT),
            pool("wmon.redis.pool.connections.opened", "CreatedCount", Kind.COUNT),
            pool("wmon.redis.pool.connections.closed", "DestroyedCount", Kind.COUNT),
            pool("wmon.redis.pool.borrows", "BorrowedCount", Kind.COUNT),
            pool("wmon.redis.pool.returns", "ReturnedCount", Kind.COUNT),
            pool("wmon.redis.pool.borrow.wait.mean.millis", "MeanBorrowWaitMillis", Kind.GAUGE),
            pool("wmon.redis.pool.borrow.wait.max.millis", "MaxBorrowWaitMillis", Kind.GAUGE),
            new Series(WmonBeans.Kind.NODE, "db.client.connection.count", "Active", Kind.GAUGE,
                    List.of("db_client_connection_state:used")),
            new Series(WmonBeans.Kind.NODE, "db.client.connection.count", "Idle", Kind.GAUGE,
                    List.of("db_client_connection_state:idle")),
            node("db.client.connection.max", "MaxTotal"),
            node("db.client.connection.idle.max", "MaxIdle"),
            node("db.client.connection.idle.min", "MinIdle"),
            node("db.client.connection.pending_requests", "Waiters"),
            breaker("wmon.redis.breaker.state.code", "State", Kind.CODE),
            breaker("wmon.redis.breaker.failure_rate.percent", "FailureRatePercent", Kind.GAUGE),
            breaker("wmon.redis.breaker.buffered_calls", "BufferedCallCount", Kind.GAUGE),
            breaker("wmon.redis.breaker.failed_calls", "FailedCallCount", Kind.COUNT),
            breaker("wmon.redis.breaker.not_permitted_calls", "NotPermittedCallCount", Kind.COUNT),
            breaker("wmon.redis.breaker.delay.millis", "DelayMillis", Kind.GAUGE),
            breaker("wmon.redis.breaker.state_changed.epoch_millis", "StateChangedAtMillis", Kind.GAUGE),
            fleet("wmon.fleet.workers", "AliveCount", Kind.GAUGE, "status:alive"),
            fleet("wmon.fleet.workers", "StaleCount", Kind.GAUGE, "status:stale"),
            fleet("wmon.fleet.workers", "GoneCount", Kind.GAUGE, "status:gone"),
            fleet("wmon.fleet.workers", "InvalidCount", Kind.GAUGE, "status:invalid"),
            fleet("wmon.fleet.alive_workers", "BusyCount", Kind.GAUGE, "state:busy"),
            fleet("wmon.fleet.alive_workers", "IdleCount", Kind.GAUGE, "state:idle"),
            fleet("wmon.fleet.alive_workers", "PausedCount", Kind.GAUGE, "state:paused"),
            fleet("wmon.fleet.reads", "FleetReadCount", Kind.COUNT),
            fleet("wmon.fleet.read.epoch_millis", "ReadAtMillis", Kind.GAUGE));

    /** Columns of the Fleet bean's {@code Workers} table, one metric each per row. */
    static final List<Series> FLEET_ROWS = List.of(
            new Series(WmonBeans.Kind.FLEET, "wmon.fleet.worker.jobs.processed", "processed", Kind.COUNT, List.of()),
            new Series(WmonBeans.Kind.FLEET, "wmon.fleet.worker.jobs.failed", "failed", Kind.COUNT, List.of()),
            new Series(WmonBeans.Kind.FLEET, "wmon.fleet.worker.beat_age.millis", "ageMillis", Kind.GAUGE, List.of()));

    private DatadogSeries() {
    }

    /** The attributes of one kind of bean that the file collects. */
    static List<String> attributes(WmonBeans.Kind kind) {
        return ALL.stream().filter(s -> s.bean == kind).map(Series::attribute).distinct().toList();
    }

    /**
     * What one collection prints for wmon's beans: the value of every metric, given the beans as
     * they were during it and ({@code previous}, null at the first collection) during the one before.
     */
    static Map<Key, Double> expected(Instance instance, WmonBeans now, WmonBeans previous) {
        Map<Key, Double> expected = new LinkedHashMap<>();
        for (ObjectName bean : now.names()) {
            WmonBeans.Kind kind = WmonBeans.Kind.of(bean);
            List<String> beanTags = beanTags(instance, kind, bean);
            for (Series series : ALL) {
                if (series.bean == kind) {
                    add(expected, instance, series, beanTags, now.value(bean, series.attribute),
                            previous == null ? null : previous.value(bean, series.attribute));
                }
            }
        }
        for (String id : now.fleetRowIds()) {
            List<String> rowTags = concat(beanTags(instance, WmonBeans.Kind.FLEET, now.fleet()),
                    List.of("wmon_worker_id:" + id));
            for (Series series : FLEET_ROWS) {
                add(expected, instance, series, rowTags, now.fleetRow(id, series.attribute),
                        previous == null ? null : previous.fleetRow(id, series.attribute));
            }
        }
        return expected;
    }

    private static void add(Map<Key, Double> expected, Instance instance, Series series, List<String> beanTags,
            Object now, Object before) {
        Key key = new Key(series.metric, new LinkedHashSet<>(concat(beanTags, series.tags)));
        switch (series.kind) {
            case GAUGE -> expected.put(key, number(now));
            case CODE -> {
                Map<String, Number> codes = instance.codes.get(series.metric);
                if (codes == null) {
                    throw new IllegalStateException("no values: mapping for " + series.metric);
                }
                expected.put(key, codes.getOrDefault((String) now, codes.get("default")).doubleValue());
            }
            case COUNT -> {
                // JMXFetch keeps the first value as its base, and drops a decrease (a reset) rather than report it.
                if (before != null && number(now) >= number(before)) {
                    expected.put(key, number(now) - number(before));
                }
            }
            default -> throw new IllegalStateException(series.kind.toString());
        }
    }

    private static List<String> beanTags(Instance instance, WmonBeans.Kind kind, ObjectName bean) {
        List<String> tags = new ArrayList<>(List.of("instance:" + instance.name, "jmx_domain:io.wmon"));
        switch (kind) {
            case WORKER -> tags.addAll(instance.ownTags());
            case POOL, NODE -> {
                tags.addAll(instance.ownTags());
                tags.add("db_client_connection_pool_name:" + WmonBeans.property(bean, "name"));
                tags.add("db_system_name:redis");
                if (kind == WmonBeans.Kind.NODE) {
                    String node = WmonBeans.property(bean, "node");
                    int colon = node.lastIndexOf(':');
                    tags.add("server_address:" + node.substring(0, colon));
                    tags.add("server_port:" + node.substring(colon + 1));
                }
            }
            case BREAKER -> {
                tags.addAll(instance.ownTags());
                tags.add("breaker:" + WmonBeans.property(bean, "name"));
            }
            // The namespace's view: the instance's namespace, and the bean's; not the instance's worker id.
            case FLEET -> {
                tags.add("wmon_namespace:" + instance.namespace);
                tags.add("wmon_namespace:" + WmonBeans.property(bean, "namespace"));
            }
            default -> throw new IllegalStateException(kind.toString());
        }
        return tags;
    }

    private static double number(Object value) {
        return value instanceof Boolean b ? (b ? 1 : 0) : ((Number) value).doubleValue();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    private static Series worker(String metric, String attribute, Kind kind) {
        return new Series(WmonBeans.Kind.WORKER, metric, attribute, kind, List.of());
    }

    private static Series pool(String metric, String attribute, Kind kind) {
        return new Series(WmonBeans.Kind.POOL, metric, attribute, kind, List.of());
    }

    private static Series node(String metric, String attribute) {
        return new Series(WmonBeans.Kind.NODE, metric, attribute, Kind.GAUGE, List.of());
    }

    private static Series breaker(String metric, String attribute, Kind kind) {
        return new Series(WmonBeans.Kind.BREAKER, metric, attribute, kind, List.of());
    }

    private static Series fleet(String metric, String attribute, Kind kind, String... tags) {
        return new Series(WmonBeans.Kind.FLEET, metric, attribute, kind, List.of(tags));
    }
}
