package io.wmon.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.it.harness.AgentArgs;
import io.wmon.it.harness.FleetRedis;
import io.wmon.it.harness.Jdk;
import io.wmon.it.harness.WorkerCommand;
import io.wmon.it.harness.WorkerProcess;
import io.wmon.it.harness.WorkerProcesses;
import io.wmon.test.RedisServerExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SIGTERM: the agent's shutdown hook marks the worker stopped and leaves the registry, and never
 * holds the JVM up when Redis is gone.
 */
@Timeout(value = 90, unit = SECONDS)
class ShutdownHookIT {

    /** The contract says 1 s; the bound is generous because a loaded 2-core machine is noisy. */
    private static final Duration EXIT_BOUND = Duration.ofSeconds(5);

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @RegisterExtension
    final WorkerProcesses workers = new WorkerProcesses();

    private final FleetRedis fleet = new FleetRedis(REDIS.host(), REDIS.port());

    @AfterEach
    void disconnect() {
        fleet.close();
    }

    @Test
    void sigtermMarksTheRecordStoppedAndLeavesTheRegistry() {
        AgentArgs agent = AgentArgs.of(REDIS.url(), "sigterm");
        WorkerProcess worker = startWorker(agent);
        fleet.awaitRecord(agent.id(), WorkerProcess.START_TIMEOUT);
        assertThat(fleet.score(agent.id())).isNotNull();

        long exitMillis = terminateAndTime(worker);
        System.out.printf("measured: SIGTERM to exit with Redis up: %d ms%n", exitMillis);

        assertThat(fleet.record(agent.id())).containsEntry("state", "stopped");
        assertThat(fleet.score(agent.id())).as("registry member after SIGTERM").isNull();
        assertThat(Duration.ofMillis(exitMillis)).isLessThan(EXIT_BOUND);
    }

    @Test
    void sigtermExitsPromptlyWhenRedisIsDown() {
        AgentArgs agent = AgentArgs.of(REDIS.url(), "sigterm-down");
        WorkerProcess worker = startWorker(agent);
        fleet.awaitRecord(agent.id(), WorkerProcess.START_TIMEOUT);
        REDIS.stop();
        try {
            sleep(Duration.ofMillis(1_500)); // at least one beat fails before the signal
            long exitMillis = terminateAndTime(worker);
            System.out.printf("measured: SIGTERM to exit with Redis down: %d ms%n", exitMillis);
            assertThat(Duration.ofMillis(exitMillis)).isLessThan(EXIT_BOUND);
        } finally {
            REDIS.start();
        }
    }

    /** A frozen server is worse than a stopped one: connections stay open and nothing answers. */
    @Test
    void sigtermExitsPromptlyWhenRedisHangs() {
        AgentArgs agent = AgentArgs.of(REDIS.url(), "sigterm-hang");
        WorkerProcess worker = startWorker(agent);
        fleet.awaitRecord(agent.id(), WorkerProcess.START_TIMEOUT);
        REDIS.pause();
        try {
            sleep(Duration.ofMillis(1_500)); // a beat is now stuck waiting for a reply
            long exitMillis = terminateAndTime(worker);
            System.out.printf("measured: SIGTERM to exit with Redis paused (SIGSTOP): %d ms%n", exitMillis);
            assertThat(Duration.ofMillis(exitMillis)).isLessThan(EXIT_BOUND);
        } finally {
            REDIS.resume();
        }
    }

    @Test
    void withoutTheAgentForComparison() {
        WorkerProcess worker = workers.start("worker", WorkerCommand.on(Jdk.current(), REDIS.url())
                .args("--job-millis", "100"));
        worker.awaitOutput("^job job-1 succeeded$", WorkerProcess.START_TIMEOUT);
        System.out.printf("measured: SIGTERM to exit without the agent: %d ms%n", terminateAndTime(worker));
    }

    private WorkerProcess startWorker(AgentArgs agent) {
        WorkerProcess worker = workers.start("worker", WorkerCommand.on(Jdk.current(), REDIS.url())
                .agent(agent.toString()).args("--job-millis", "100"));
        worker.awaitOutput("^job job-1 succeeded$", WorkerProcess.START_TIMEOUT);
        return worker;
    }

    /** Sends SIGTERM and returns the milliseconds until the JVM exited (at most 30 s, else it fails). */
    private static long terminateAndTime(WorkerProcess worker) {
        long start = System.nanoTime();
        worker.terminate();
        worker.awaitExit(Duration.ofSeconds(30));
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
