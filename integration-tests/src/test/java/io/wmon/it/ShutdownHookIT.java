package io.wmon.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import io.wmon.test.worker.WorkerRecords;
import java.time.Duration;
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
    /** The exit status of a JVM ended by SIGTERM: the agent's hook must not change it. */
    private static final int SIGTERM_STATUS = 128 + 15;

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    private final WorkerRecords records = FLEET.records();

    @Test
    void sigtermMarksTheRecordStoppedAndLeavesTheRegistry() {
        AgentArgs agent = FLEET.agent("sigterm");
        ChildProcess worker = startWorker(agent);
        records.awaitRecord(agent.id(), ChildProcess.START_TIMEOUT);
        assertThat(records.score(agent.id())).isNotNull();

        long exitMillis = terminateAndTime(worker);
        System.out.printf("measured: SIGTERM to exit with Redis up: %d ms%n", exitMillis);

        assertThat(records.record(agent.id())).containsEntry("state", "stopped");
        assertThat(records.score(agent.id())).as("registry member after SIGTERM").isNull();
        assertThat(Duration.ofMillis(exitMillis)).isLessThan(EXIT_BOUND);
    }

    @Test
    void sigtermExitsPromptlyWhenRedisIsDown() {
        AgentArgs agent = FLEET.agent("sigterm-down");
        ChildProcess worker = startWorker(agent);
        records.awaitRecord(agent.id(), ChildProcess.START_TIMEOUT);
        FLEET.redis().stop();
        try {
            sleep(Duration.ofMillis(1_500)); // at least one beat fails before the signal
            long exitMillis = terminateAndTime(worker);
            System.out.printf("measured: SIGTERM to exit with Redis down: %d ms%n", exitMillis);
            assertThat(Duration.ofMillis(exitMillis)).isLessThan(EXIT_BOUND);
        } finally {
            FLEET.redis().start();
        }
    }

    /** A frozen server is worse than a stopped one: connections stay open and nothing answers. */
    @Test
    void sigtermExitsPromptlyWhenRedisHangs() {
        AgentArgs agent = FLEET.agent("sigterm-hang");
        ChildProcess worker = startWorker(agent);
        records.awaitRecord(agent.id(), ChildProcess.START_TIMEOUT);
        FLEET.redis().pause();
        try {
            sleep(Duration.ofMillis(1_500)); // a beat is now stuck waiting for a reply
            long exitMillis = terminateAndTime(worker);
            System.out.printf("measured: SIGTERM to exit with Redis paused (SIGSTOP): %d ms%n", exitMillis);
            assertThat(Duration.ofMillis(exitMillis)).isLessThan(EXIT_BOUND);
        } finally {
            FLEET.redis().resume();
        }
    }

    @Test
    void withoutTheAgentForComparison() {
        ChildProcess worker = FLEET.start("worker", FLEET.exampleWorker(Jdk.current()).args("--job-millis", "100"));
        worker.awaitStdout("^job job-1 succeeded$", ChildProcess.START_TIMEOUT);
        System.out.printf("measured: SIGTERM to exit without the agent: %d ms%n", terminateAndTime(worker));
    }

    private static ChildProcess startWorker(AgentArgs agent) {
        ChildProcess worker = FLEET.start("worker", FLEET.exampleWorker(Jdk.current())
                .agent(agent.toString()).args("--job-millis", "100"));
        worker.awaitStdout("^job job-1 succeeded$", ChildProcess.START_TIMEOUT);
        return worker;
    }

    /** Sends SIGTERM, checks the JVM ended as SIGTERM ends it, and returns the milliseconds it took (at most 30 s). */
    private static long terminateAndTime(ChildProcess worker) {
        long start = System.nanoTime();
        worker.terminate();
        int status = worker.awaitExit(Duration.ofSeconds(30));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(status).as(worker.describe()).isEqualTo(SIGTERM_STATUS);
        return millis;
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
