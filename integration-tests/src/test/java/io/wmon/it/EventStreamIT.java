package io.wmon.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wmon.core.event.DecodedEvent;
import io.wmon.core.event.EventId;
import io.wmon.core.event.EventStreamReader;
import io.wmon.core.event.EventType;
import io.wmon.core.event.FleetEvent;
import io.wmon.core.fleet.FleetKeys;
import io.wmon.mbeans.ObjectNames;
import io.wmon.mbeans.WorkerMXBean;
import io.wmon.test.AclUsers;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import javax.management.JMX;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * The events of a real worker JVM with the shaded agent, read back from the real stream: up, state
 * changes and down in order; the breaker opening and closing around a Redis that was stopped, the
 * events that did not fit counted in {@code EventsDroppedCount}; the application never waiting on a
 * frozen Redis; and an agent user without {@code XADD} beating on.
 */
@Timeout(value = 180, unit = SECONDS)
class EventStreamIT {

    /** The most events an agent keeps while Redis cannot be reached (docs/agent.md, "Events"). */
    private static final int DOCUMENTED_PENDING_LIMIT = 32;
    private static final Duration ACK = Duration.ofSeconds(10);

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    private static final FleetKeys KEYS = FleetKeys.of(AgentArgs.NAMESPACE);

    @BeforeEach
    void emptyServer() {
        FLEET.redis().flushAll();
    }

    private static ChildProcess scripted(AgentArgs agent) {
        ChildProcess worker = FLEET.start("worker", FLEET.exampleWorker(Jdk.current()).agent(agent.toString())
                .args("--stdin"));
        worker.awaitStdout("^ready pid=\\d+ agent=true$", ChildProcess.START_TIMEOUT);
        return worker;
    }

    private static List<FleetEvent> events(String worker) {
        try (Jedis jedis = new Jedis(FLEET.redis().host(), FLEET.redis().port())) {
            EventStreamReader reader = new EventStreamReader(KEYS);
            return reader.readAfter(jedis, EventId.ZERO, 0).valid().stream().map(DecodedEvent::event)
                    .filter(event -> event.worker().equals(worker)).collect(Collectors.toList());
        }
    }

    private static List<FleetEvent> events(String worker, EventType type) {
        return events(worker).stream().filter(event -> event.type() == type).collect(Collectors.toList());
    }

    @Test
    void upStateChangesAndDownOfARealWorkerReachTheStreamInOrder() {
        AgentArgs agent = FLEET.agent("events-1");
        ChildProcess worker = scripted(agent);
        await().atMost(ChildProcess.START_TIMEOUT).until(() -> !events(agent.id(), EventType.UP).isEmpty());

        worker.send("busy job-1");
        worker.send("succeed");
        // Changes within one flush window (50 ms) coalesce into one event: let the idle one be written first.
        await().atMost(ACK).until(() -> events(agent.id()).stream().anyMatch(e -> "idle".equals(e.to())));
        worker.send("pause");
        worker.awaitStdout("^ok pause$", ACK);
        await().atMost(ACK).until(() -> events(agent.id()).stream().anyMatch(e -> "paused".equals(e.to())));
        worker.send("exit");
        assertThat(worker.awaitExit(ACK)).as(worker.describe()).isZero();

        List<FleetEvent> all = events(agent.id());
        assertThat(all.get(0).type()).isEqualTo(EventType.UP);
        assertThat(all.get(0).detail()).startsWith("agent ").contains("pid " + worker.pid());
        assertThat(all).extracting(FleetEvent::type).containsSubsequence(EventType.UP, EventType.STATE,
                EventType.STATE, EventType.DOWN);
        assertThat(all.stream().filter(e -> e.type() == EventType.STATE).map(FleetEvent::to))
                .contains("idle", "paused");
        FleetEvent down = all.get(all.size() - 1);
        assertThat(down.type()).isEqualTo(EventType.DOWN);
        assertThat(down.to()).isEqualTo("stopped");
        assertThat(all).extracting(FleetEvent::tsMillis).isSorted();
    }

    @Test
    void aStoppedRedisOpensTheBreakerKeepsTheWaitingEventsBoundedAndTheEventsComeWhenItIsBack() throws Exception {
        AgentArgs agent = FLEET.agent("events-2");
        ChildProcess worker = scripted(agent);
        await().atMost(ChildProcess.START_TIMEOUT).until(() -> events(agent.id()).stream()
                .anyMatch(e -> "idle".equals(e.to())));
        WorkerMXBean bean = JMX.newMXBeanProxy(worker.jmx(), ObjectNames.worker(), WorkerMXBean.class);
        assertThat(bean.getEventsDroppedCount()).isZero();
        int changes = 3 * DOCUMENTED_PENDING_LIMIT;

        FLEET.redis().stop();
        try {
            for (int i = 0; i < changes; i++) {
                worker.send(i % 2 == 0 ? "busy job-" + i : "idle");
                // Longer than the 50 ms flush gap; but after the first failed write the events wait for the beats,
                // so each beat (1 s) closes a window and the changes between two beats coalesce.
                Thread.sleep(70);
            }
            worker.send("pause");
            worker.awaitStdout("^ok pause$", ACK);
        } finally {
            FLEET.redis().start();
        }
        long dropped = bean.getEventsDroppedCount();
        await().atMost(Duration.ofSeconds(30)).until(() -> events(agent.id()).stream()
                .anyMatch(e -> e.type() == EventType.BREAKER && "CLOSED".equals(e.to())));
        await().atMost(ACK).until(() -> events(agent.id()).stream().anyMatch(e -> "paused".equals(e.to())));

        List<FleetEvent> afterOutage = events(agent.id()); // the restarted Redis is empty: all were written after
        System.out.printf("measured: %d state changes while Redis was stopped: %d events written after it, %d dropped%n",
                changes + 1, afterOutage.size(), dropped);
        assertThat(afterOutage.size()).as("what waited, and what came after").isLessThanOrEqualTo(
                DOCUMENTED_PENDING_LIMIT + 3);
        assertThat(afterOutage.stream().filter(e -> e.type() == EventType.STATE).count() + dropped)
                .as("the outage's windows, written or counted").isPositive();
        List<FleetEvent> breaker = events(agent.id(), EventType.BREAKER);
        assertThat(breaker).extracting(FleetEvent::to).containsExactly("OPEN", "CLOSED");
        assertThat(breaker.get(0).detail()).contains("connection refused");
        assertThat(worker.stderr()).doesNotContain("\tat ");
    }

    @Test
    void theApplicationNeverWaitsOnAFrozenRedis() {
        AgentArgs agent = FLEET.agent("events-3");
        ChildProcess worker = scripted(agent);
        FLEET.records().awaitRecord(agent.id(), ChildProcess.START_TIMEOUT);

        FLEET.redis().pause();
        long millis;
        try {
            long started = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                worker.send("busy job-" + i);
                worker.send("succeed");
            }
            worker.awaitStdout("^ok succeed$", ACK);
            worker.send("idle");
            worker.awaitStdout("^ok idle$", ACK);
            millis = (System.nanoTime() - started) / 1_000_000;
        } finally {
            FLEET.redis().resume();
        }
        System.out.printf("measured: 201 WorkerStatus calls acknowledged in %d ms while Redis was frozen (SIGSTOP)%n",
                millis);
        assertThat(millis).as("far below one 2 s socket timeout").isLessThan(2_000);
    }

    @Test
    void anAgentUserWithoutXaddBeatsOnCountsItsEventsDroppedAndSaysWhyOnce() {
        String user = "it-noxadd";
        AclUsers.fromDocs().create(FLEET.probe(), "wmon-agent", user, "pw-noxadd", "+xadd");
        try {
            AgentArgs agent = AgentArgs.of(FLEET.redis().url().replace("redis://", "redis://" + user + ":pw-noxadd@"),
                    "events-4");
            ChildProcess worker = scripted(agent);
            FLEET.records().awaitRecord(agent.id(), ChildProcess.START_TIMEOUT);
            WorkerMXBean bean = JMX.newMXBeanProxy(worker.jmx(), ObjectNames.worker(), WorkerMXBean.class);

            worker.send("busy job-1");
            worker.send("idle");
            await().atMost(ACK).until(() -> bean.getEventsDroppedCount() >= 2);
            FLEET.records().awaitRecord(agent.id(), ACK, record -> "idle".equals(record.get("state")));

            assertThat(events(agent.id())).isEmpty();
            assertThat(bean.getHeartbeatFailureCount()).isZero();
            assertThat(worker.stderr().lines().filter(line -> line.contains("refused the worker's events")))
                    .singleElement().asString().contains("NOPERM").contains("+xadd").doesNotContain("pw-noxadd");
        } finally {
            FLEET.probe().command("ACL", "DELUSER", user);
        }
    }
}
