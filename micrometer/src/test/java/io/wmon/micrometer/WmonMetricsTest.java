package io.wmon.micrometer;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wmon.api.WorkerStatus;
import io.wmon.test.RedisServerExtension;
import io.wmon.test.worker.AgentArgs;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real shaded agent, loaded into this test JVM (surefire gives the class its own) against a
 * real redis-server, read through {@link WmonMetrics} into a {@link SimpleMeterRegistry}: every
 * meter against the attribute it reads, its tags, a binding made before the agent started, and the
 * meters once the agent stopped (the last test).
 */
@Timeout(value = 60, unit = SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WmonMetricsTest {

    private static final Duration AGENT_START = Duration.ofSeconds(20);

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final AgentArgs AGENT = AgentArgs.of("placeholder", "mm-worker");
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();
    private static ObjectName worker;
    private static ObjectName pool;
    /** Bound before the agent was loaded. */
    private static SimpleMeterRegistry boundEarly;

    /**
     * Every meter the binder should register: name, its own tags (beside the bean's), bean, attribute,
     * kind. Written out here, apart from the binder's code, so that a meter it loses or renames fails.
     */
    private static List<Expected> expected() {
        List<Expected> all = new java.util.ArrayList<>(List.of(
                counter("wmon.worker.heartbeats", Tags.empty(), worker, "HeartbeatCount"),
                counter("wmon.worker.heartbeat.failures", Tags.empty(), worker, "HeartbeatFailureCount"),
                counter("wmon.worker.jobs.processed", Tags.empty(), worker, "JobsProcessedCount"),
                counter("wmon.worker.jobs.failed", Tags.empty(), worker, "JobsFailedCount"),
                counter("wmon.worker.truncated.values", Tags.empty(), worker, "TruncatedValueCount"),
                counter("wmon.worker.events.dropped", Tags.empty(), worker, "EventsDroppedCount"),
                time("wmon.worker.redis.round.trip", worker, "RedisRoundTripMicros", TimeUnit.MICROSECONDS),
                gauge("wmon.worker.redis.available", Tags.empty(), worker, "RedisAvailable"),
                gauge("wmon.worker.redis.sockets", Tags.empty(), worker, "RedisSocketCount"),
                gauge("wmon.worker.app.redis.sockets", Tags.empty(), worker, "AppRedisSocketCount"),
                gauge("wmon.worker.redis.sockets.peak", Tags.empty(), worker, "RedisSocketPeak"),
                gauge("wmon.worker.app.pools", Tags.empty(), worker, "AppPoolCount"),
                gauge("wmon.worker.app.connections", Tags.of("state", "used"), worker, "AppActiveConnections"),
                gauge("wmon.worker.app.connections", Tags.of("state", "idle"), worker, "AppIdleConnections"),
                gauge("db.client.connection.count", Tags.of("db.client.connection.state", "used"), pool, "Active"),
                gauge("db.client.connection.count", Tags.of("db.client.connection.state", "idle"), pool, "Idle"),
                gauge("db.client.connection.max", Tags.empty(), pool, "MaxTotal"),
                gauge("db.client.connection.idle.max", Tags.empty(), pool, "MaxIdle"),
                gauge("db.client.connection.idle.min", Tags.empty(), pool, "MinIdle"),
                gauge("db.client.connection.pending_requests", Tags.empty(), pool, "Waiters"),
                counter("db.client.connection.timeouts", Tags.empty(), pool, "ExhaustedCount"),
                counter("wmon.redis.pool.connections.opened", Tags.empty(), pool, "CreatedCount"),
                counter("wmon.redis.pool.connections.closed", Tags.empty(), pool, "DestroyedCount"),
                counter("wmon.redis.pool.borrows", Tags.empty(), pool, "BorrowedCount"),
                counter("wmon.redis.pool.returns", Tags.empty(), pool, "ReturnedCount"),
                time("wmon.redis.pool.borrow.wait.mean", pool, "MeanBorrowWaitMillis", TimeUnit.MILLISECONDS),
                time("wmon.redis.pool.borrow.wait.max", pool, "MaxBorrowWaitMillis", TimeUnit.MILLISECONDS)));
        for (String state : List.of("starting", "idle", "busy", "paused", "stopping", "stopped")) {
            all.add(new Expected("wmon.worker.state", Tags.of("state", state), worker, "State", Kind.STATE, null));
        }
        return all;
    }

    @BeforeAll
    static void startTheAgentAfterABinding() throws Exception {
        boundEarly = new SimpleMeterRegistry();
        new WmonMetrics().bindTo(boundEarly);

        AGENT.with("redis", REDIS.url());
        SelfAttach.loadAgent(AGENT.toString());
        worker = new ObjectName("io.wmon:type=Worker");
        await("first heartbeat").atMost(AGENT_START).until(() -> SERVER.isRegistered(worker)
                && (Long) SERVER.getAttribute(worker, "HeartbeatCount") >= 1
                && (Integer) SERVER.getAttribute(worker, "RedisSocketCount") >= 0);
        pool = SERVER.queryNames(new ObjectName("io.wmon:type=RedisPool,*"), null).stream()
                .filter(name -> name.getKeyProperty("node") == null).findFirst().orElseThrow();

        WorkerStatus.busy("job-1");
        WorkerStatus.jobSucceeded();
        WorkerStatus.busy("job-2");
        WorkerStatus.jobSucceeded();
        WorkerStatus.busy("job-3");
        WorkerStatus.jobFailed();
        WorkerStatus.busy("job-4");
        await("jobs on the bean").atMost(AGENT_START).until(() -> "busy".equals(SERVER.getAttribute(worker, "State"))
                && (Long) SERVER.getAttribute(worker, "JobsProcessedCount") == 2
                && (Long) SERVER.getAttribute(worker, "JobsFailedCount") == 1);
    }

    @Test
    @Order(1)
    void everyMeterReadsItsAttribute() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new WmonMetrics().bindTo(registry);

        assertThat(ids(registry)).containsExactlyInAnyOrderElementsOf(
                expected().stream().map(Expected::id).collect(Collectors.toList()));
        for (Expected meter : expected()) {
            meter.assertReads(find(registry, meter));
        }
        assertThat(find(registry, expected().stream()
                .filter(e -> e.name.equals("wmon.worker.jobs.processed")).findFirst().orElseThrow()))
                .as("jobs processed").isInstanceOfSatisfying(FunctionCounter.class, c -> assertThat(c.count()).isEqualTo(2));
    }

    @Test
    @Order(2)
    void tagsNameTheWorkerAndThePool() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new WmonMetrics().bindTo(registry);

        for (Meter meter : registry.getMeters()) {
            String name = meter.getId().getName();
            if (meter instanceof Gauge && !(meter instanceof TimeGauge)) {
                assertThat(meter.getId().getBaseUnit()).as(name + " base unit (Prometheus would append it)").isNull();
            }
            if (name.startsWith("wmon.worker.")) {
                assertThat(meter.getId().getTag("wmon.namespace")).as(name).isEqualTo(AGENT.namespace());
                assertThat(meter.getId().getTag("wmon.worker.id")).as(name).isEqualTo(AGENT.id());
            } else {
                assertThat(meter.getId().getTag("db.system.name")).as(name).isEqualTo("redis");
                assertThat(meter.getId().getTag("db.client.connection.pool.name")).as(name)
                        .isEqualTo(AGENT.connectionName());
            }
        }
        Set<String> onStates = registry.find("wmon.worker.state").gauges().stream().filter(g -> g.value() == 1)
                .map(g -> g.getId().getTag("state")).collect(Collectors.toSet());
        assertThat(onStates).containsExactly("busy");
    }

    @Test
    @Order(3)
    void aBindingMadeBeforeTheAgentStartedHoldsNothingUntilBoundAgain() {
        assertThat(boundEarly.getMeters()).isEmpty();

        new WmonMetrics().bindTo(boundEarly);
        assertThat(ids(boundEarly)).hasSameSizeAs(expected());

        new WmonMetrics().bindTo(boundEarly);
        assertThat(boundEarly.getMeters()).as("meters after a second bindTo").hasSameSizeAs(expected());
    }

    @Test
    @Order(4)
    void aMeterStillReadsWhenNobodyKeepsTheBinder() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new WmonMetrics().bindTo(registry);
        System.gc();

        Expected heartbeats = expected().get(0);
        heartbeats.assertReads(find(registry, heartbeats));
    }

    @Test
    @Order(5)
    void afterTheAgentStopsEveryMeterReadsNaN() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new WmonMetrics().bindTo(registry);

        SelfAttach.loadAgent("mode=stop");
        await("beans unregistered").atMost(AGENT_START).until(() -> !SERVER.isRegistered(worker));

        assertThat(registry.getMeters()).hasSameSizeAs(expected());
        for (Meter meter : registry.getMeters()) {
            double value = meter instanceof FunctionCounter ? ((FunctionCounter) meter).count() : ((Gauge) meter).value();
            assertThat(value).as(meter.getId().toString()).isNaN();
        }
    }

    private static Set<String> ids(SimpleMeterRegistry registry) {
        return registry.getMeters().stream().map(m -> key(m.getId().getName(), ownTags(m.getId().getTags())))
                .collect(Collectors.toSet());
    }

    /** The tags a meter adds to its bean's (namespace, id, pool name, system). */
    private static Tags ownTags(List<Tag> tags) {
        return Tags.of(tags.stream().filter(t -> !t.getKey().startsWith("wmon.")
                && !t.getKey().equals("db.system.name") && !t.getKey().equals("db.client.connection.pool.name"))
                .collect(Collectors.toList()));
    }

    private static String key(String name, Tags tags) {
        return name + tags.stream().map(t -> t.getKey() + "=" + t.getValue()).sorted()
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static Meter find(SimpleMeterRegistry registry, Expected meter) {
        Meter found = registry.find(meter.name).tags(meter.tags).meter();
        assertThat(found).as(meter.id()).isNotNull();
        return found;
    }

    private static Expected counter(String name, Tags tags, ObjectName bean, String attribute) {
        return new Expected(name, tags, bean, attribute, Kind.COUNTER, null);
    }

    private static Expected gauge(String name, Tags tags, ObjectName bean, String attribute) {
        return new Expected(name, tags, bean, attribute, Kind.GAUGE, null);
    }

    private static Expected time(String name, ObjectName bean, String attribute, TimeUnit unit) {
        return new Expected(name, Tags.empty(), bean, attribute, Kind.TIME, unit);
    }

    private enum Kind { COUNTER, GAUGE, TIME, STATE }

    /** One meter the binder should register, and the attribute it reads. */
    private static final class Expected {
        final String name;
        final Tags tags;
        final ObjectName bean;
        final String attribute;
        final Kind kind;
        final TimeUnit unit;

        Expected(String name, Tags tags, ObjectName bean, String attribute, Kind kind, TimeUnit unit) {
            this.name = name;
            this.tags = tags;
            this.bean = bean;
            this.attribute = attribute;
            this.kind = kind;
            this.unit = unit;
        }

        String id() {
            return key(name, tags);
        }

        /**
         * A counter lies between the attribute read before and after it; a gauge equals the attribute
         * read on both sides when the two readings agree (the agent replaces its snapshot once a beat).
         */
        void assertReads(Meter meter) throws Exception {
            if (kind == Kind.COUNTER) {
                assertThat(meter).as(id()).isInstanceOf(FunctionCounter.class);
                double before = number(SERVER.getAttribute(bean, attribute));
                double value = ((FunctionCounter) meter).count();
                double after = number(SERVER.getAttribute(bean, attribute));
                assertThat(value).as(id()).isBetween(before, after);
                return;
            }
            assertThat(meter).as(id()).isInstanceOf(kind == Kind.TIME ? TimeGauge.class : Gauge.class);
            for (int attempt = 0; ; attempt++) {
                Object before = SERVER.getAttribute(bean, attribute);
                double value = kind == Kind.TIME ? ((TimeGauge) meter).value(unit) : ((Gauge) meter).value();
                Object after = SERVER.getAttribute(bean, attribute);
                if (before.equals(after) || attempt == 20) {
                    assertThat(before).as(id() + " did not hold still").isEqualTo(after);
                    double wanted = kind == Kind.STATE ? (tags.stream().findFirst().orElseThrow().getValue()
                            .equals(before) ? 1 : 0) : number(before);
                    if (kind == Kind.TIME && !Double.isNaN(wanted)) {
                        // A time gauge keeps seconds and converts back: 31655 µs may come out as 31655.000000000004.
                        assertThat(value).as(id() + " against " + attribute + "=" + before)
                                .isCloseTo(wanted, org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(wanted))));
                    } else {
                        assertThat(value).as(id() + " against " + attribute + "=" + before).isEqualTo(wanted);
                    }
                    return;
                }
            }
        }

        /** What wmon's attribute means as a meter value: booleans 1 or 0, the unknown -1 NaN. */
        private static double number(Object attribute) {
            if (attribute instanceof Boolean) {
                return (Boolean) attribute ? 1 : 0;
            }
            long value = ((Number) attribute).longValue();
            return value == -1 ? Double.NaN : value;
        }
    }
}
