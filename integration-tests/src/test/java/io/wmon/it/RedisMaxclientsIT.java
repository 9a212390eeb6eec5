package io.wmon.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wmon.mbeans.CircuitBreakerMXBean;
import io.wmon.mbeans.WorkerMXBean;
import io.wmon.test.ClientInfo;
import io.wmon.test.ConnectionSampler;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import io.wmon.test.worker.WorkerRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis at {@code maxclients}, its slots held by other connections, and the agent's connection
 * closed: the agent says so in one line naming {@code maxclients}, its circuit breaker bounds its
 * connection attempts, and its beat is back soon after the limit is lifted.
 */
@Timeout(value = 90, unit = SECONDS)
class RedisMaxclientsIT {

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    /** Idle connections of "other applications" that hold the server's slots. */
    private static final int FILLERS = 3;
    /** Enough for the breaker to open and back off twice (1 + 2 s after the first three failed beats), not three times. */
    private static final Duration FULL = Duration.ofSeconds(8);
    /**
     * Attempts before the breaker opens: three failed beats, the first of which also cost the pool's
     * replacement for the connection the test closed (commons-pool opens one when a broken connection is
     * invalidated; the beat's retry then opens another).
     */
    private static final int ATTEMPTS_BEFORE_OPENING = BreakerSchedule.FAILURE_THRESHOLD + 1;
    /** INFO stats is read every tick, so an attempt's time is known to a tick or two. */
    private static final long SAMPLING_TOLERANCE_MILLIS = 2 * FaultWindow.TICK.toMillis() + 50;

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    private final WorkerRecords records = FLEET.records();

    @Test
    void oneLineNamesMaxclientsTheBreakerBoundsAttemptsAndTheBeatReturnsWhenLifted() {
        AgentArgs agent = FLEET.agent("full-server");
        FaultWorker worker = FaultWorker.start(FLEET, agent, "--job-millis", "20");
        records.awaitRecord(agent.id(), ChildProcess.START_TIMEOUT);
        WorkerMXBean bean = worker.beans().worker();
        CircuitBreakerMXBean breaker = worker.beans().breaker();
        await().atMost(Duration.ofSeconds(10)).until(bean::getHeartbeatCount, beats -> beats >= 2);
        FLEET.probe().clients(); // the harness's connections are open before the server is full

        List<ServerAdmin> fillers = new ArrayList<>();
        try (ServerAdmin admin = ServerAdmin.connect(FLEET.redis(), "admin")) {
            String limit = admin.config("maxclients");
            try {
                for (int i = 1; i <= FILLERS; i++) {
                    fillers.add(ServerAdmin.connect(FLEET.redis(), "filler-" + i));
                }
                List<ClientInfo> clients = admin.clients();
                long agentConnections = clients.stream().filter(c -> c.name().equals(agent.connectionName())).count();
                assertThat(agentConnections).as("the agent's idle connection").isPositive();
                // Every slot but the agent's is taken; closing the agent's connection leaves it none.
                admin.config("maxclients", Long.toString(clients.size() - agentConnections));
                long failedBefore = breaker.getFailedCallCount();
                long notPermittedBefore = breaker.getNotPermittedCallCount();
                long rejectedBefore = admin.stat("rejected_connections");
                assertThat(admin.killNamed(agent.connectionName())).isEqualTo(agentConnections);
                long fullSince = System.currentTimeMillis();

                List<Long> attempts = new ArrayList<>();
                long[] rejectedSeen = {rejectedBefore};
                FaultWindow.Observed full = FaultWindow.watch(worker, FULL, elapsed -> {
                    long rejected = admin.stat("rejected_connections");
                    for (long n = rejectedSeen[0]; n < rejected; n++) {
                        attempts.add(System.currentTimeMillis());
                    }
                    rejectedSeen[0] = rejected;
                });
                long fullMillis = System.currentTimeMillis() - fullSince;
                long delayAtLift = breaker.getDelayMillis();
                String stateAtLift = breaker.getState();

                admin.config("maxclients", limit);
                long liftedMillis = System.currentTimeMillis();
                long liftedNanos = System.nanoTime();
                records.awaitRecord(agent.id(), Duration.ofSeconds(90),
                        fields -> Long.parseLong(fields.getOrDefault("beat", "0")) >= liftedMillis);
                long recoveryMillis = Pause.millisSince(liftedNanos);
                long connectionsAfter = ConnectionSampler.sample(FLEET.probe(), Duration.ofSeconds(1))
                        .max(ConnectionSampler.named(agent.connectionName()));

                Figures.report("maxclients.full_ms", fullMillis);
                Figures.report("maxclients.attempts", attempts.size());
                Figures.report("maxclients.attempts_per_min", BreakerSchedule.perMinute(attempts.size(), fullMillis));
                Figures.report("maxclients.attempt_offsets_ms", attempts.stream().map(t -> t - fullSince).toList());
                Figures.report("maxclients.not_permitted", breaker.getNotPermittedCallCount() - notPermittedBefore);
                Figures.report("maxclients.breaker_delay_at_lift_ms", delayAtLift);
                Figures.report("maxclients.recovery_ms", recoveryMillis);
                Figures.report("maxclients.connections_after_max", connectionsAfter);
                full.getters().report("maxclients");

                long failedCalls = breaker.getFailedCallCount() - failedBefore;
                assertThat(attempts).as("connection attempts the server refused")
                        .hasSizeGreaterThan(ATTEMPTS_BEFORE_OPENING);
                assertThat((long) attempts.size()).as("attempts: one per failed call, and the first call's replacement")
                        .isEqualTo(failedCalls + 1);
                BreakerSchedule.assertAtMostOnePerDelay(attempts, ATTEMPTS_BEFORE_OPENING, INTERVAL,
                        SAMPLING_TOLERANCE_MILLIS);
                assertThat(attempts.size()).as("attempts against one per beat without a breaker")
                        .isLessThan((int) (fullMillis / INTERVAL.toMillis()));
                assertThat(stateAtLift).isIn("OPEN", "HALF_OPEN");
                assertThat(Duration.ofMillis(recoveryMillis)).as("limit lifted to a fresh beat, breaker delay %d ms",
                        delayAtLift).isLessThan(Duration.ofMillis(2 * (delayAtLift + INTERVAL.toMillis())));
                assertThat(full.getters().medianMillis()).isLessThan(50);
                assertThat(connectionsAfter).as("agent connections after").isBetween(1L, (long) AgentConnectionBudget.POOL_MAX_TOTAL);
            } finally {
                admin.config("maxclients", limit);
                fillers.forEach(ServerAdmin::close);
            }
        }
        assertThat(worker.logLines("maxclients")).as("log lines naming maxclients").singleElement().asString()
                .contains("wmon heartbeat failed:").contains("max number of clients reached (maxclients)");
        assertThat(worker.outageEnds()).hasSize(1);
        assertThat(worker.stackTraceLines()).isEmpty();
    }
}
