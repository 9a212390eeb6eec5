package io.wmon.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.wmon.agent.config.AgentOptions;
import io.wmon.api.WorkerStatus;
import io.wmon.core.fleet.FleetKeys;
import io.wmon.mbeans.CircuitBreakerMXBean;
import io.wmon.mbeans.NotificationTypes;
import io.wmon.mbeans.ObjectNames;
import io.wmon.mbeans.WorkerMXBean;
import io.wmon.test.RedisServerExtension;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/** The agent's runtime in this JVM against a real Redis: start, beat, report, stop without a trace. */
@Timeout(60)
class AgentRuntimeTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final FleetKeys KEYS = FleetKeys.of("rt");
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    private AgentRuntime runtime;

    private AgentRuntime start(String id) {
        return start(id, "");
    }

    private AgentRuntime start(String id, String moreOptions) {
        AgentOptions options = AgentOptions.parse("redis=" + REDIS.url() + ",namespace=rt,id=" + id + ",interval=1s"
                + moreOptions, Map.of());
        runtime = AgentRuntime.start(options, "test");
        return runtime;
    }

    @AfterEach
    void stopAndCheckNothingRemains() throws Exception {
        if (runtime != null) {
            runtime.stop();
        }
        assertThat(SERVER.queryNames(ObjectNames.ALL, null)).isEmpty();
        assertThat(System.getProperty(AgentRuntime.VERSION_PROPERTY)).isNull();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("wmon-") && t.isAlive()
                && !t.getName().equals("wmon-final-write"));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(REDIS.probe().countClients("wmon:")).isZero());
    }

    private Map<String, String> record(String id) {
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
            return jedis.hgetAll(KEYS.worker(id));
        }
    }

    private double score(String id) {
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
            Double score = jedis.zscore(KEYS.workers(), id);
            return score == null ? -1 : score;
        }
    }

    @Test
    void beatsReportsStateAndStopsWithoutATrace() throws Exception {
        start("w1");

        await().untilAsserted(() -> assertThat(record("w1")).containsEntry("state", "idle"));
        WorkerMXBean worker = JMX.newMXBeanProxy(SERVER, ObjectNames.worker(), WorkerMXBean.class);
        assertThat(worker.getId()).isEqualTo("w1");
        assertThat(worker.getNamespace()).isEqualTo("rt");
        assertThat(worker.getHeartbeatCount()).isPositive();
        assertThat(REDIS.probe().countClients("wmon:agent:rt:w1")).isBetween(1L, 4L);

        WorkerStatus.busy("job-1");
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(record("w1"))
                .containsEntry("state", "busy").containsEntry("job", "job-1"));
        assertThat(worker.getState()).isEqualTo("busy");
        assertThat(worker.getCurrentJob()).isEqualTo("job-1");

        WorkerStatus.jobSucceeded();
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(record("w1"))
                .containsEntry("state", "idle").containsEntry("processed", "1").containsEntry("job", ""));

        runtime.stop();
        runtime = null;

        assertThat(record("w1")).containsEntry("state", "stopped");
        assertThat(score("w1")).isEqualTo(-1);
        assertThat(WorkerStatus.isAgentPresent()).isFalse();
    }

    @Test
    void aMegabyteJobIdIsCutToItsLimitInTheRecordAndTheMBeanAndCounted() throws Exception {
        start("w4");
        await().untilAsserted(() -> assertThat(record("w4")).containsEntry("state", "idle"));
        WorkerMXBean worker = JMX.newMXBeanProxy(SERVER, ObjectNames.worker(), WorkerMXBean.class);
        assertThat(worker.getTruncatedValueCount()).isZero();

        WorkerStatus.busy("j".repeat(1 << 20));

        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(record("w4")).containsEntry("state", "busy"));
        assertThat(record("w4").get("job")).hasSize(TextLimits.JOB).endsWith("\u2026");
        assertThat(worker.getCurrentJob()).isEqualTo(record("w4").get("job"));
        assertThat(worker.getTruncatedValueCount()).isEqualTo(1);
        WorkerStatus.idle();
    }

    @Test
    void aStoppedRedisOpensTheBreakerItsBeanNotifiesAndItClosesWhenRedisReturns() throws Exception {
        start("w5");
        await().untilAsserted(() -> assertThat(record("w5")).containsEntry("state", "idle").containsEntry("breaker",
                "CLOSED"));
        ObjectName name = ObjectNames.circuitBreaker("redis");
        CircuitBreakerMXBean breaker = JMX.newMXBeanProxy(SERVER, name, CircuitBreakerMXBean.class);
        List<Notification> received = new CopyOnWriteArrayList<>();
        SERVER.addNotificationListener(name, (n, handback) -> received.add(n), null, null);
        assertThat(breaker.getState()).isEqualTo("CLOSED");

        REDIS.stop();
        try {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(breaker.getState()).isEqualTo("OPEN"));
            assertThat(breaker.getFailedCallCount()).isGreaterThanOrEqualTo(3);
            assertThat(breaker.getLastFailure()).contains("connection refused");
            await().atMost(Duration.ofSeconds(5)).until(() -> breaker.getNotPermittedCallCount() > 0
                    || breaker.getDelayMillis() > 1_000);
        } finally {
            REDIS.start();
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(breaker.getState()).isEqualTo("CLOSED"));
        await().untilAsserted(() -> assertThat(record("w5")).containsEntry("breaker", "CLOSED"));
        assertThat(received).extracting(Notification::getType)
                .containsSubsequence(NotificationTypes.BREAKER_OPEN, NotificationTypes.BREAKER_CLOSED);
        CompositeData opened = (CompositeData) received.get(0).getUserData();
        assertThat(opened.get("cause")).asString().contains("connection refused");
        assertThat((long) opened.get("delayMillis")).isEqualTo(1_000L);
        assertThat(REDIS.probe().countClients("wmon:agent:rt:w5")).isBetween(1L, 4L);
    }

    /**
     * Sockets this JVM opens to Redis reach the census at the next beat: the record, the bean, and past
     * leakThreshold the alarm, with its notification; closed again, the alarm clears.
     */
    @Test
    void socketsOpenedToRedisReachTheRecordAndTheBeanAndPastTheThresholdRaiseTheAlarm() throws Exception {
        assumeThat(System.getProperty("os.name")).startsWith("Linux");
        start("w6", ",leakThreshold=8");
        await().untilAsserted(() -> assertThat(record("w6")).containsKey("redis_sockets")
                .doesNotContainEntry("redis_sockets", ""));
        WorkerMXBean worker = JMX.newMXBeanProxy(SERVER, ObjectNames.worker(), WorkerMXBean.class);
        List<Notification> received = new CopyOnWriteArrayList<>();
        SERVER.addNotificationListener(ObjectNames.worker(), (n, handback) -> received.add(n), null, null);
        int before = worker.getRedisSocketCount();
        assertThat(record("w6")).containsEntry("leak", "0");

        List<Socket> leaked = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                leaked.add(new Socket(REDIS.host(), REDIS.port()));
            }
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(record("w6")).containsEntry("leak", "1"));
            Map<String, String> r = record("w6");
            assertThat(Integer.parseInt(r.get("redis_sockets"))).isGreaterThanOrEqualTo(before + 10);
            assertThat(Integer.parseInt(r.get("app_sockets"))).isGreaterThanOrEqualTo(10);
            assertThat(r.get("local_ports").split(",")).contains(Integer.toString(leaked.get(0).getLocalPort()));
            assertThat(worker.getRedisSocketCount()).isGreaterThanOrEqualTo(before + 10);
            assertThat(worker.getRedisSocketPeak()).isGreaterThanOrEqualTo(worker.getRedisSocketCount());
            assertThat(received).extracting(Notification::getType).containsExactly(NotificationTypes.CONNECTIONS_LEAK);
            CompositeData raised = (CompositeData) received.get(0).getUserData();
            assertThat(raised.get("alarm")).isEqualTo("raised");
            assertThat((int) raised.get("leakThreshold")).isEqualTo(8);
            assertThat((String) raised.get("reason")).endsWith("more than leakThreshold 8");
        } finally {
            for (Socket socket : leaked) {
                socket.close();
            }
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(record("w6")).containsEntry("leak", "0"));
        assertThat(received).hasSize(2);
        assertThat(((CompositeData) received.get(1).getUserData()).get("alarm")).isEqualTo("cleared");
        // Give or take the connection record() holds for a moment, which a census may catch.
        assertThat(worker.getRedisSocketCount()).isBetween(before - 1, before + 1);
    }

    @Test
    void redisDownAtStartIsNotAnErrorAndTheRecordAppearsWhenItComes() throws Exception {
        REDIS.stop();
        try {
            start("w2");
            WorkerMXBean worker = JMX.newMXBeanProxy(SERVER, ObjectNames.worker(), WorkerMXBean.class);
            await().untilAsserted(() -> assertThat(SERVER.isRegistered(ObjectNames.worker())).isTrue());
            await().untilAsserted(() -> assertThat(worker.getHeartbeatFailureCount()).isPositive());
            assertThat(worker.isRedisAvailable()).isFalse();
            assertThat(worker.getState()).isEqualTo("starting");
        } finally {
            REDIS.start();
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(record("w2")).containsEntry("state", "idle"));
    }

    @Test
    void stopAndStartAgainInTheSameJvm() {
        start("w3");
        await().untilAsserted(() -> assertThat(record("w3")).isNotEmpty());
        runtime.stop();

        start("w3");
        await().untilAsserted(() -> assertThat(record("w3")).containsEntry("state", "idle"));
        assertThat(SERVER.isRegistered(ObjectNames.worker())).isTrue();
    }
}
