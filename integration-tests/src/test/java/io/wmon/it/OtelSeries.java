package io.wmon.it;

import io.wmon.mbeans.ObjectNames;
import io.wmon.test.worker.AgentArgs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.management.ObjectName;

/**
 * One series that {@code docs/apm/otel-jmx.yaml} makes the OpenTelemetry agent export, and the MBean
 * attribute it reads: the table docs/apm.md documents, shared by {@link OtelJmxRulesTest} (the file as
 * the rule format's parser reads it) and {@link OtelJmxIT} (what the agent exports).
 *
 * @param metric the metric name
 * @param instrument what the rule declares
 * @param unit the exported unit ({@code 1} for a state metric)
 * @param attributes the series' metric attributes, with their values for the worker the table was built for
 * @param bean the MBean the value comes from
 * @param attribute the MBean attribute the value comes from
 * @param factor what the attribute's value is multiplied by (the rule's unit conversion)
 * @param dropNegative whether a negative value (-1, not known yet) is left out of the export
 * @param state for a state metric, the attribute's text that makes this series 1, {@value #OTHERWISE} for
 *     the series that is 1 when no other series of its metric matches; null for other metrics
 */
record OtelSeries(String metric, Instrument instrument, String unit, Map<String, String> attributes, ObjectName bean,
        String attribute, double factor, boolean dropNegative, String state) {

    /** The rule format's catch-all state entry. */
    static final String OTHERWISE = "*";

    /** The rule format's metric types, as the rule declares them. */
    enum Instrument { COUNTER, UPDOWNCOUNTER, GAUGE, STATE }

    OtelSeries {
        attributes = Map.copyOf(attributes);
    }

    /**
     * Every series for the worker that runs with {@code agent}: its Worker, pool and breaker beans, its
     * Fleet bean when {@code fleet} (the agent's {@code fleet=true}), and one set of per-node pool series
     * for each of {@code nodes} ({@code host:port} of a Sentinel or Cluster endpoint without TLS; none for
     * one server).
     */
    static List<OtelSeries> all(AgentArgs agent, boolean fleet, List<String> nodes) {
        Builder table = new Builder();
        worker(table.on(ObjectNames.worker(), Map.of("wmon.namespace", agent.namespace(), "wmon.worker.id", agent.id())));
        String pool = agent.connectionName();
        // The bean's Name attribute: the pool name without the quotes its ObjectName holds it in.
        Map<String, String> ofPool = Map.of("db.client.connection.pool.name", pool,
                "db.system.name", "redis");
        poolTotal(table.on(ObjectNames.redisPool(pool), ofPool));
        for (String node : nodes) {
            poolNode(table.on(ObjectNames.redisPoolNode(pool, node),
                    with(ofPool, "wmon.redis.node", "redis://" + node)));
        }
        breaker(table.on(ObjectNames.circuitBreaker("redis"), Map.of()));
        if (fleet) {
            fleet(table.on(ObjectNames.fleet(agent.namespace()), Map.of("wmon.namespace", agent.namespace())));
        }
        return table.series;
    }

    private static void worker(Builder worker) {
        worker.counter("wmon.worker.heartbeats", "{heartbeat}", "HeartbeatCount");
        worker.counter("wmon.worker.heartbeat.failures", "{heartbeat}", "HeartbeatFailureCount");
        worker.counter("wmon.worker.jobs.processed", "{job}", "JobsProcessedCount");
        worker.counter("wmon.worker.jobs.failed", "{job}", "JobsFailedCount");
        worker.counter("wmon.worker.truncated.values", "{value}", "TruncatedValueCount");
        worker.counter("wmon.worker.events.dropped", "{event}", "EventsDroppedCount");
        for (String state : List.of("starting", "idle", "busy", "paused", "stopping", "stopped")) {
            worker.state("wmon.worker.status", "wmon.worker.state", state, "State", state);
        }
        worker.state("wmon.worker.status", "wmon.worker.state", "unknown", "State", OTHERWISE);
        worker.add("wmon.worker.redis.round.trip", Instrument.GAUGE, "s", Map.of(), "RedisRoundTripMicros", 1e-6, true);
        worker.state("wmon.worker.redis.status", "wmon.worker.redis.state", "available", "RedisAvailable", "true");
        worker.state("wmon.worker.redis.status", "wmon.worker.redis.state", "unavailable", "RedisAvailable", OTHERWISE);
        worker.add("wmon.worker.redis.sockets", Instrument.UPDOWNCOUNTER, "{socket}", Map.of(), "RedisSocketCount", 1,
                true);
        worker.add("wmon.worker.app.redis.sockets", Instrument.UPDOWNCOUNTER, "{socket}", Map.of(),
                "AppRedisSocketCount", 1, true);
        worker.add("wmon.worker.redis.sockets.peak", Instrument.GAUGE, "{socket}", Map.of(), "RedisSocketPeak", 1, true);
        worker.add("wmon.worker.app.pools", Instrument.UPDOWNCOUNTER, "{pool}", Map.of(), "AppPoolCount", 1, true);
        worker.add("wmon.worker.app.connections", Instrument.UPDOWNCOUNTER, "{connection}",
                Map.of("db.client.connection.state", "used"), "AppActiveConnections", 1, true);
        worker.add("wmon.worker.app.connections", Instrument.UPDOWNCOUNTER, "{connection}",
                Map.of("db.client.connection.state", "idle"), "AppIdleConnections", 1, true);
    }

    private static void poolTotal(Builder pool) {
        poolGauges(pool);
        pool.counter("db.client.connection.timeouts", "{timeout}", "ExhaustedCount");
        pool.counter("wmon.redis.pool.connections.opened", "{connection}", "CreatedCount");
        pool.counter("wmon.redis.pool.connections.closed", "{connection}", "DestroyedCount");
        pool.counter("wmon.redis.pool.borrows", "{borrow}", "BorrowedCount");
        pool.counter("wmon.redis.pool.returns", "{return}", "ReturnedCount");
        pool.add("wmon.redis.pool.borrow.wait.mean", Instrument.GAUGE, "s", Map.of(), "MeanBorrowWaitMillis", 1e-3,
                false);
        pool.add("wmon.redis.pool.borrow.wait.max", Instrument.GAUGE, "s", Map.of(), "MaxBorrowWaitMillis", 1e-3, false);
    }

    /** The OpenTelemetry semantic conventions' pool metrics but the timeouts: a node bean's are always 0. */
    private static void poolNode(Builder node) {
        poolGauges(node);
    }

    private static void poolGauges(Builder pool) {
        pool.add("db.client.connection.count", Instrument.UPDOWNCOUNTER, "{connection}",
                Map.of("db.client.connection.state", "used"), "Active", 1, false);
        pool.add("db.client.connection.count", Instrument.UPDOWNCOUNTER, "{connection}",
                Map.of("db.client.connection.state", "idle"), "Idle", 1, false);
        pool.add("db.client.connection.max", Instrument.UPDOWNCOUNTER, "{connection}", Map.of(), "MaxTotal", 1, false);
        pool.add("db.client.connection.idle.max", Instrument.UPDOWNCOUNTER, "{connection}", Map.of(), "MaxIdle", 1,
                false);
        pool.add("db.client.connection.idle.min", Instrument.UPDOWNCOUNTER, "{connection}", Map.of(), "MinIdle", 1,
                false);
        pool.add("db.client.connection.pending_requests", Instrument.UPDOWNCOUNTER, "{request}", Map.of(), "Waiters", 1,
                false);
    }

    private static void breaker(Builder breaker) {
        for (String state : List.of("CLOSED", "OPEN", "HALF_OPEN")) {
            breaker.state("wmon.redis.breaker.status", "wmon.redis.breaker.state", state.toLowerCase(Locale.ROOT), "State", state);
        }
        breaker.state("wmon.redis.breaker.status", "wmon.redis.breaker.state", "unknown", "State", OTHERWISE);
        breaker.add("wmon.redis.breaker.failure_rate", Instrument.GAUGE, "%", Map.of(), "FailureRatePercent", 1, false);
        breaker.add("wmon.redis.breaker.buffered_calls", Instrument.UPDOWNCOUNTER, "{call}", Map.of(),
                "BufferedCallCount", 1, false);
        breaker.counter("wmon.redis.breaker.failed_calls", "{call}", "FailedCallCount");
        breaker.counter("wmon.redis.breaker.not_permitted_calls", "{call}", "NotPermittedCallCount");
        breaker.add("wmon.redis.breaker.delay", Instrument.GAUGE, "s", Map.of(), "DelayMillis", 1e-3, false);
    }

    private static void fleet(Builder fleet) {
        Map<String, String> statuses = Map.of("alive", "AliveCount", "stale", "StaleCount", "gone", "GoneCount",
                "invalid", "InvalidCount");
        statuses.forEach((status, attribute) -> fleet.add("wmon.fleet.workers", Instrument.UPDOWNCOUNTER, "{worker}",
                Map.of("wmon.fleet.worker.status", status), attribute, 1, true));
        Map<String, String> states = Map.of("busy", "BusyCount", "idle", "IdleCount", "paused", "PausedCount");
        states.forEach((state, attribute) -> fleet.add("wmon.fleet.alive_workers", Instrument.UPDOWNCOUNTER, "{worker}",
                Map.of("wmon.worker.state", state), attribute, 1, true));
        fleet.add("wmon.fleet.reads", Instrument.COUNTER, "{read}", Map.of(), "FleetReadCount", 1, true);
    }

    private static Map<String, String> with(Map<String, String> attributes, String key, String value) {
        Map<String, String> more = new HashMap<>(attributes);
        more.put(key, value);
        return more;
    }

    /**
     * What this series reports when {@link #attribute} reads {@code value}: the number times
     * {@link #factor}, null when it is left out (a negative value of a dropNegative series); for a
     * state series 1 or 0 ({@code siblings}: the other series of its metric and bean).
     */
    Double expected(Object value, List<OtelSeries> siblings) {
        if (instrument == Instrument.STATE) {
            String text = String.valueOf(value); // a boolean reads as true or false, as the rule format reads it
            boolean matches = state.equals(OTHERWISE) ? siblings.stream().noneMatch(s -> s.state.equals(text))
                    : state.equals(text);
            return matches ? 1.0 : 0.0;
        }
        double number = ((Number) value).doubleValue();
        return dropNegative && number < 0 ? null : number * factor;
    }

    /** Whether the two series belong to one state metric of one bean. */
    boolean sameStateMetric(OtelSeries other) {
        return instrument == Instrument.STATE && other.instrument == Instrument.STATE && metric.equals(other.metric)
                && bean.equals(other.bean);
    }

    /** Collects the series of one bean, each with the bean's own attributes. */
    private static final class Builder {

        private final List<OtelSeries> series = new ArrayList<>();
        private ObjectName bean;
        private Map<String, String> ofBean;

        Builder on(ObjectName bean, Map<String, String> attributes) {
            this.bean = bean;
            this.ofBean = attributes;
            return this;
        }

        void counter(String metric, String unit, String attribute) {
            add(metric, Instrument.COUNTER, unit, Map.of(), attribute, 1, false);
        }

        void state(String metric, String key, String stateName, String attribute, String text) {
            series.add(new OtelSeries(metric, Instrument.STATE, "1", with(ofBean, key, stateName), bean, attribute, 1,
                    false, Objects.requireNonNull(text)));
        }

        void add(String metric, Instrument instrument, String unit, Map<String, String> more, String attribute,
                double factor, boolean dropNegative) {
            Map<String, String> attributes = new HashMap<>(ofBean);
            attributes.putAll(more);
            series.add(new OtelSeries(metric, instrument, unit, attributes, bean, attribute, factor, dropNegative, null));
        }
    }
}
