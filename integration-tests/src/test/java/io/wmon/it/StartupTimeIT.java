package io.wmon.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.it.harness.AgentArgs;
import io.wmon.it.harness.Jdk;
import io.wmon.it.harness.WorkerCommand;
import io.wmon.it.harness.WorkerProcess;
import io.wmon.it.harness.WorkerProcesses;
import io.wmon.test.RedisServerExtension;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The agent's {@code premain} must not hold up the application: the worker prints {@code ready}
 * about as soon with the agent as without it, even when Redis does not answer. Prints the
 * measured medians.
 */
@Timeout(value = 120, unit = SECONDS)
class StartupTimeIT {

    private static final int RUNS = 3;
    /** Generous: a loaded 2-core machine is noisy; a premain that waits for Redis would blow it anyway. */
    private static final Duration AGENT_OVERHEAD_BOUND = Duration.ofSeconds(3);

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @RegisterExtension
    final WorkerProcesses workers = new WorkerProcesses();

    @Test
    void agentAddsLittleToStartTimeWithRedisUpOrDown() {
        long without = medianMillis(run -> command());
        long withAgent = medianMillis(run -> command().agent(AgentArgs.of(REDIS.url(), "start-" + run).toString()));
        long withAgentRedisDown;
        REDIS.stop();
        try {
            withAgentRedisDown = medianMillis(run -> command()
                    .agent(AgentArgs.of(REDIS.url(), "start-down-" + run).toString()));
        } finally {
            REDIS.start();
        }
        System.out.printf("measured: start to ready (median of %d): without agent %d ms, with agent %d ms,"
                + " with agent and Redis down %d ms%n", RUNS, without, withAgent, withAgentRedisDown);
        assertThat(withAgent - without).isLessThan(AGENT_OVERHEAD_BOUND.toMillis());
        assertThat(withAgentRedisDown - without).isLessThan(AGENT_OVERHEAD_BOUND.toMillis());
    }

    private static WorkerCommand command() {
        return WorkerCommand.on(Jdk.current(), REDIS.url()).args("--stdin");
    }

    /** Starts {@value #RUNS} workers one after the other and returns the median time to {@code ready}. */
    private long medianMillis(IntFunction<WorkerCommand> commands) {
        long[] millis = new long[RUNS];
        for (int run = 0; run < RUNS; run++) {
            long start = System.nanoTime();
            WorkerProcess worker = workers.start("worker-" + System.nanoTime(), commands.apply(run));
            worker.awaitOutput("^ready pid=", WorkerProcess.START_TIMEOUT);
            millis[run] = (System.nanoTime() - start) / 1_000_000;
            worker.send("exit");
            worker.awaitExit(Duration.ofSeconds(15));
        }
        Arrays.sort(millis);
        return millis[RUNS / 2];
    }
}
