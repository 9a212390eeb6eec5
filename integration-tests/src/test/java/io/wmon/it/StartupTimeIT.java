package io.wmon.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.test.ConnectionSampler;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.jvm.JvmCommand;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The agent's {@code premain} must not hold up the application: it starts a thread and returns,
 * and the application runs while the agent still waits for Redis. Asserted by order, not by time;
 * the start-up times themselves are printed as a measurement, never asserted on this shared machine.
 */
@Timeout(value = 150, unit = SECONDS)
class StartupTimeIT {

    private static final int RUNS = 3;
    private static final String READY = "ready pid=";
    /** What the agent logs when a beat gives up on Redis: for a frozen server, after the 2 s socket timeout. */
    private static final String BEAT_FAILED = "wmon heartbeat failed";

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    /**
     * With the server frozen (SIGSTOP: connections are accepted, nothing answers), the agent's first
     * beat hangs until its socket timeout. A premain that waited for Redis, even for a single attempt,
     * would print its failure before the application's first line; stdout and stderr share one file
     * here, so their order is the order in which they were written.
     */
    @Test
    void theApplicationRunsWhileTheAgentsFirstBeatHangsOnAFrozenServer() {
        AgentArgs agent = FLEET.agent("start-frozen");
        ChildProcess worker;
        FLEET.redis().pause();
        try {
            worker = FLEET.start("worker", worker().agent(agent.toString()).toCommand().mergeStderr());
            worker.awaitStdout("^ready pid=\\d+ agent=true$", ChildProcess.START_TIMEOUT);
            worker.awaitStdout(BEAT_FAILED, ChildProcess.START_TIMEOUT);
            String output = worker.stdout();
            assertThat(output.indexOf(READY)).as("the application's first line comes before the agent gives up "
                    + "on the frozen server:\n%s", output).isLessThan(output.indexOf(BEAT_FAILED));
        } finally {
            FLEET.redis().resume();
        }

        FLEET.records().awaitRecord(agent.id(), ChildProcess.START_TIMEOUT);
        ConnectionSampler samples = ConnectionSampler.sample(FLEET.probe(), Duration.ofSeconds(2));
        assertThat(samples.max(ConnectionSampler.named(agent.connectionName()))).isBetween(1L, 4L);
        assertThat(worker.isAlive()).isTrue();
    }

    /**
     * Prints the median time from start to {@code ready}; asserts only that each run was what it
     * claims (the agent present or not, a clean exit). Speed is measured in benchmarks/, not asserted here.
     */
    @Test
    void measuresStartToReadyWithoutAndWithTheAgentRedisUpOrDown() {
        long without = medianMillis(run -> worker(), false);
        long withAgent = medianMillis(run -> worker().agent(FLEET.agent("start-" + run).toString()), true);
        long withAgentRedisDown;
        FLEET.redis().stop();
        try {
            withAgentRedisDown = medianMillis(run -> worker().agent(FLEET.agent("start-down-" + run).toString()), true);
        } finally {
            FLEET.redis().start();
        }
        System.out.printf("measured: start to ready (median of %d): without agent %d ms, with agent %d ms,"
                + " with agent and Redis down %d ms%n", RUNS, without, withAgent, withAgentRedisDown);
    }

    private static JvmCommand worker() {
        return FLEET.exampleWorker(Jdk.current()).args("--stdin");
    }

    /** Starts {@value #RUNS} workers one after the other and returns the median time to {@code ready}. */
    private long medianMillis(IntFunction<JvmCommand> commands, boolean agent) {
        long[] millis = new long[RUNS];
        for (int run = 0; run < RUNS; run++) {
            long start = System.nanoTime();
            ChildProcess worker = FLEET.start("worker", commands.apply(run));
            worker.awaitStdout("^" + READY + "\\d+ agent=" + agent + "$", ChildProcess.START_TIMEOUT);
            millis[run] = (System.nanoTime() - start) / 1_000_000;
            worker.send("exit");
            assertThat(worker.awaitExit(Duration.ofSeconds(15))).as(worker.describe()).isZero();
        }
        Arrays.sort(millis);
        return millis[RUNS / 2];
    }
}
