package io.wmon.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wmon.mbeans.CircuitBreakerMXBean;
import io.wmon.mbeans.RedisPoolMXBean;
import io.wmon.mbeans.WorkerMXBean;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The server closes the agent's idle connection between beats: Redis's {@code timeout} shorter than
 * the heartbeat interval, then a {@code CLIENT KILL} of the agent's connections every second. The
 * pool notices the closed connection on first use and the beat runs again on a fresh one, so no beat
 * fails and none is missed.
 */
@Timeout(value = 90, unit = SECONDS)
class ServerClosedConnectionsIT {

    /** Longer than the server's timeout, and than Redis's one-second granularity on top of it. */
    private static final Duration INTERVAL = Duration.ofSeconds(4);
    private static final String SERVER_TIMEOUT_SECONDS = "2";
    private static final Duration TIMEOUT_PHASE = INTERVAL.multipliedBy(2);
    private static final Duration KILL_STORM = Duration.ofSeconds(20);
    private static final Duration KILL_EVERY = Duration.ofSeconds(1);

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    @Test
    void noBeatFailsWhenTheServerClosesTheConnectionBetweenBeats() {
        AgentArgs agent = FLEET.agent("closed-by-server").with("interval", INTERVAL.toSeconds() + "s");
        // Scripted and quiet: no state change brings a beat forward, so the connection idles a whole interval.
        FaultWorker worker = FaultWorker.start(FLEET, agent, "--stdin");
        FLEET.records().awaitRecord(agent.id(), ChildProcess.START_TIMEOUT);
        WorkerMXBean bean = worker.beans().worker();
        RedisPoolMXBean pool = worker.beans().pool();
        CircuitBreakerMXBean breaker = worker.beans().breaker();
        await().atMost(Duration.ofSeconds(20)).until(bean::getHeartbeatCount, beats -> beats >= 2);

        try (ServerAdmin admin = ServerAdmin.connect(FLEET.redis(), "admin")) {
            String timeout = admin.config("timeout");
            admin.config("timeout", SERVER_TIMEOUT_SECONDS);
            try {
                Phase idle = Phase.start(bean, pool);
                List<Long> beatsSeen = new ArrayList<>();
                FaultWindow.watch(worker, TIMEOUT_PHASE, elapsed -> {
                    admin.ping(); // the harness's own connection must not time out
                    noteBeat(agent, beatsSeen);
                });
                idle.end("timeout", bean, pool, beatsSeen);
                assertThat(idle.destroyed).as("connections the server had closed, found by the beats")
                        .isGreaterThanOrEqualTo(idle.beats - 1);

                Phase storm = Phase.start(bean, pool);
                beatsSeen.clear();
                long[] killed = {0};
                long[] mostAtOnce = {0};
                long[] nextKill = {0};
                FaultWindow.watch(worker, KILL_STORM, elapsed -> {
                    if (elapsed >= nextKill[0]) {
                        long now = admin.killNamed(agent.connectionName());
                        killed[0] += now;
                        mostAtOnce[0] = Math.max(mostAtOnce[0], now);
                        nextKill[0] += KILL_EVERY.toMillis();
                    }
                    noteBeat(agent, beatsSeen);
                });
                storm.end("kill_storm", bean, pool, beatsSeen);
                Figures.report("kill_storm.connections_killed", killed[0]);
                Figures.report("kill_storm.agent_connections_at_once_max", mostAtOnce[0]);
                assertThat(mostAtOnce[0]).as("agent connections at once").isLessThanOrEqualTo(AgentConnectionBudget.POOL_MAX_TOTAL);
                assertThat(killed[0]).as("agent connections killed").isGreaterThanOrEqualTo(storm.beats - 1);
            } finally {
                admin.config("timeout", timeout);
            }
        }
        assertThat(breaker.getFailedCallCount()).as("breaker: calls that failed").isZero();
        assertThat(breaker.getState()).isEqualTo("CLOSED");
        assertThat(worker.outageStarts()).isEmpty();
        assertThat(worker.stackTraceLines()).isEmpty();
    }

    /** Adds the registry score of the worker's latest beat to {@code beats} when it is new. */
    private static void noteBeat(AgentArgs agent, List<Long> beats) {
        Double score = FLEET.records().score(agent.id());
        if (score != null && (beats.isEmpty() || beats.get(beats.size() - 1) != score.longValue())) {
            beats.add(score.longValue());
        }
    }

    /** The agent's counters over one phase of the test. */
    private static final class Phase {
        private final long beatsBefore;
        private final long failuresBefore;
        private final long destroyedBefore;
        long beats;
        long destroyed;

        private Phase(WorkerMXBean bean, RedisPoolMXBean pool) {
            beatsBefore = bean.getHeartbeatCount();
            failuresBefore = bean.getHeartbeatFailureCount();
            destroyedBefore = pool.getDestroyedCount();
        }

        static Phase start(WorkerMXBean bean, RedisPoolMXBean pool) {
            return new Phase(bean, pool);
        }

        /** Checks the phase: every beat landed, none failed, none was missed; prints its figures. */
        void end(String name, WorkerMXBean bean, RedisPoolMXBean pool, List<Long> beatsSeen) {
            beats = bean.getHeartbeatCount() - beatsBefore;
            destroyed = pool.getDestroyedCount() - destroyedBefore;
            long failures = bean.getHeartbeatFailureCount() - failuresBefore;
            long widestGap = 0;
            for (int i = 1; i < beatsSeen.size(); i++) {
                widestGap = Math.max(widestGap, beatsSeen.get(i) - beatsSeen.get(i - 1));
            }
            Figures.report(name + ".beats", beats);
            Figures.report(name + ".beats_failed", failures);
            Figures.report(name + ".dead_connections_destroyed", destroyed);
            Figures.report(name + ".widest_gap_between_beats_ms", widestGap);
            assertThat(failures).as("%s: beats that failed", name).isZero();
            assertThat(beats).as("%s: beats", name).isPositive();
            assertThat(beatsSeen).as("%s: beats seen in Redis", name).hasSizeGreaterThanOrEqualTo((int) beats - 1);
            // ±5 % jitter; a missed beat would leave a gap of two intervals.
            assertThat(widestGap).as("%s: widest gap between beats in Redis, ms", name)
                    .isLessThan(INTERVAL.toMillis() * 3 / 2);
        }
    }
}
