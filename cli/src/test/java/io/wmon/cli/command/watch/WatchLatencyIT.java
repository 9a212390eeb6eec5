package io.wmon.cli.command.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wmon.cli.CliResult;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A state change of a real worker JVM (the shaded agent, {@code WorkerStatus} called by the
 * application) reaches {@code wmon watch}: the time from the event's {@code ts}, taken by the agent
 * when the application called, to the moment watch printed its line, over 100 changes. The figures
 * are printed for docs/performance.md; the assertion is a generous form of the contract's 100 ms.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WatchLatencyIT {

    private static final int CHANGES = 100;
    /** Between two changes, ms: past the agent's 50 ms flush gap, so that each change is an event of its own. */
    private static final long SPACING_MILLIS = 150;

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    @Test
    void aStateChangeReachesWatchWithinAHundredMilliseconds() throws Exception {
        AgentArgs agent = FLEET.agent("latency").with("interval", "5s");
        ChildProcess worker = FLEET.start("worker", FLEET.exampleWorker(Jdk.current()).agent(agent.toString())
                .args("--stdin"));
        worker.awaitStdout("^ready pid=\\d+ agent=true$", ChildProcess.START_TIMEOUT);
        FLEET.records().awaitRecord(agent.id(), ChildProcess.START_TIMEOUT, r -> "idle".equals(r.get("state")));
        TimedLines out = new TimedLines();

        try (RunningWatch watch = RunningWatch.start(FLEET.probe(), out, "-r", FLEET.redis().url(), "-n",
                AgentArgs.NAMESPACE, "watch", "--json", "--state", "busy,idle")) {
            for (int i = 0; i < CHANGES; i++) {
                worker.send(i % 2 == 0 ? "busy job-" + i : "idle");
                Thread.sleep(SPACING_MILLIS);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> out.lines().size() >= CHANGES);
            CliResult result = watch.stop();
            assertThat(result.exitCode()).as(result.err()).isZero();
        }

        List<Long> latencies = new ArrayList<>();
        for (TimedLines.Line line : out.lines()) {
            JsonNode event = CliResult.parse(line.text());
            assertThat(event.get("type").asText()).isEqualTo("state");
            assertThat(event.get("detail").asText()).as("one change per event").doesNotContain("changes");
            latencies.add(line.atMillis() - event.get("ts").asLong());
        }
        assertThat(latencies).hasSize(CHANGES);
        latencies.sort(null);
        long p50 = latencies.get(CHANGES / 2 - 1);
        long p99 = latencies.get(CHANGES * 99 / 100 - 1);
        long max = latencies.get(CHANGES - 1);
        System.out.printf("measured: state change to watch's line, %d changes %d ms apart: p50 %d ms, p99 %d ms,"
                + " max %d ms, min %d ms%n", CHANGES, SPACING_MILLIS, p50, p99, max, latencies.get(0));
        assertThat(p50).as("median, ms").isLessThanOrEqualTo(100);
        assertThat(p99).as("p99, ms (generous: the build machine is shared)").isLessThan(1_000);
    }
}
