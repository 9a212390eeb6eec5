package io.wmon.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.mbeans.ObjectNames;
import io.wmon.test.ConnectionSampler;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.jvm.JvmCommand;
import io.wmon.test.jvm.JvmThreads;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import javax.management.MBeanServerConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A bad option never changes the host JVM: the worker runs and exits exactly as without the
 * agent, the agent logs one line naming the key, and it never opens a connection.
 */
@Timeout(value = 90, unit = SECONDS)
class BadOptionsIT {

    private static final String DISABLED = "wmon agent disabled: ";
    private static final List<String> SCRIPT = List.of("busy job-1", "succeed", "exit");
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(15);

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    /** Each bad option string is built around the test's own Redis, so a wrongly accepted one is seen there. */
    enum BadOption {
        UNKNOWN_KEY("colour", url -> AgentArgs.of(url, "unknown") + ",colour=blue"),
        BAD_NUMBER("poolMaxTotal", url -> AgentArgs.of(url, "bad-number") + ",poolMaxTotal=four"),
        BAD_DURATION("interval", url -> AgentArgs.of(url, "bad-duration").with("interval", "soon").toString()),
        BAD_URL("redis", url -> AgentArgs.of(url.replace("redis://", "http://"), "bad-url").toString()),
        EMPTY_VALUE("namespace", url -> AgentArgs.of(url, "empty").with("namespace", "").toString()),
        HUGE_VALUE("id", url -> AgentArgs.of(url, "x".repeat(100_000)).toString());

        final String key;
        final Function<String, String> options;

        BadOption(String key, Function<String, String> options) {
            this.key = key;
            this.options = options;
        }
    }

    @ParameterizedTest
    @EnumSource(BadOption.class)
    void workerRunsAsWithoutTheAgent(BadOption bad) throws IOException {
        String expectedStdout = runScript(FLEET.start("without-agent", worker()));

        ChildProcess worker = FLEET.start("with-bad-agent", worker().agent(bad.options.apply(FLEET.redis().url())));
        worker.awaitStdout("^ready pid=\\d+ agent=false$", ChildProcess.START_TIMEOUT);
        worker.awaitStderr(DISABLED, ChildProcess.START_TIMEOUT);
        ConnectionSampler samples = ConnectionSampler.sample(FLEET.probe(), Duration.ofMillis(1_500));
        MBeanServerConnection jmx = worker.jmx();
        assertThat(jmx.queryNames(ObjectNames.ALL, null)).as("io.wmon MBeans").isEmpty();
        assertThat(JvmThreads.names(jmx)).noneMatch(name -> name.startsWith("wmon-"));
        assertThat(worker.systemProperties()).doesNotContainKey("wmon.agent.version");

        assertThat(runScript(worker)).isEqualTo(expectedStdout);
        assertThat(samples.seen(client -> true)).as("connections while the disabled agent was loaded").isEmpty();
        List<String> disabled = worker.stderr().lines().filter(line -> line.contains(DISABLED)).toList();
        assertThat(disabled).as("disabled lines in %s", worker.stderr()).hasSize(1);
        assertThat(disabled.get(0)).contains(bad.key).hasSizeLessThan(1_000);
        assertThat(worker.stderr()).doesNotContain("wmon agent started").doesNotContain("\tat ");
    }

    /** The parser skips empty segments on purpose (scripts glue option strings): the agent starts. */
    @Test
    void strayCommasAreTolerated() {
        String options = ",," + FLEET.agent("stray-commas") + ",,";
        ChildProcess worker = FLEET.start("worker", worker().agent(options));
        worker.awaitStdout("^ready pid=\\d+ agent=true$", ChildProcess.START_TIMEOUT);
        assertThat(FLEET.records().awaitRecord("stray-commas", ChildProcess.START_TIMEOUT))
                .containsEntry("interval", "1000");
        assertThat(worker.stderr()).doesNotContain(DISABLED);
    }

    private static JvmCommand worker() {
        return FLEET.exampleWorker(Jdk.current()).args("--stdin");
    }

    /** Runs the fixed script, waits for exit 0, returns stdout with the pid masked. */
    private static String runScript(ChildProcess worker) {
        worker.awaitStdout("^ready pid=", ChildProcess.START_TIMEOUT);
        SCRIPT.forEach(worker::send);
        assertThat(worker.awaitExit(EXIT_TIMEOUT)).as(worker.describe()).isZero();
        return worker.stdout().replace("pid=" + worker.pid(), "pid=<pid>");
    }
}
