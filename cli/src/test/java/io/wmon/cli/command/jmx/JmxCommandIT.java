package io.wmon.cli.command.jmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wmon.cli.Cli;
import io.wmon.cli.CliResult;
import io.wmon.cli.fixture.TargetJvmMain;
import io.wmon.cli.shell.ExitCodes;
import io.wmon.test.RedisServerExtension;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.ChildProcesses;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.jvm.JvmCommand;
import io.wmon.test.jvm.ProcessCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wmon jmx} against real JVMs: one started with {@code -javaagent} (worker {@code w1}), one
 * without. Both live for the whole class; the tests only read them.
 */
@Timeout(120)
class JmxCommandIT {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    /** Started in {@code @BeforeAll}: closed after the class. */
    @RegisterExtension
    static final ChildProcesses PROCESSES = new ChildProcesses();

    private static ChildProcess withAgent;
    private static ChildProcess withoutAgent;

    @BeforeAll
    static void startJvms() {
        withAgent = targetJvm("with-agent", target().agent("redis=" + REDIS.url() + ",namespace=t,id=w1,interval=1s"));
        withoutAgent = targetJvm("without-agent", target());
        // The MBeans are registered on the agent's own thread, right after it starts.
        await().atMost(Duration.ofSeconds(30)).until(() -> Cli.run("jmx", pid(withAgent), "Worker:Id").exitCode() == 0);
    }

    private static JvmCommand target() {
        return JvmCommand.on(Jdk.current()).mainClass(TargetJvmMain.class);
    }

    private static ChildProcess targetJvm(String name, JvmCommand command) {
        ChildProcess jvm = PROCESSES.start(name, command);
        jvm.awaitStdout(TargetJvmMain.READY, ChildProcess.START_TIMEOUT);
        return jvm;
    }

    private static String pid(ChildProcess jvm) {
        return Long.toString(jvm.pid());
    }

    private static JsonNode mbean(JsonNode document, String objectName) {
        for (JsonNode mbean : document.get("mbeans")) {
            if (mbean.get("objectName").asText().equals(objectName)) {
                return mbean;
            }
        }
        throw new AssertionError(objectName + " not in " + document);
    }

    @Test
    void jsonHoldsEveryWmonMBeanWithTypedAttributes() {
        CliResult run = Cli.run("jmx", pid(withAgent), "--json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        JsonNode document = run.json();
        assertThat(document.get("target").asText()).isEqualTo(pid(withAgent));
        assertThat(document.get("kind").asText()).isEqualTo("pid");
        assertThat(document.get("pid").asLong()).isEqualTo(withAgent.pid());
        JsonNode worker = mbean(document, "io.wmon:type=Worker");
        assertThat(worker.get("type").asText()).isEqualTo("Worker");
        assertThat(worker.get("attributes").get("Id").asText()).isEqualTo("w1");
        assertThat(worker.get("attributes").get("Namespace").asText()).isEqualTo("t");
        assertThat(worker.get("attributes").get("Pid").asLong()).isEqualTo(withAgent.pid());
        assertThat(worker.get("attributes").get("HeartbeatCount").isIntegralNumber()).isTrue();
        assertThat(worker.get("attributes").get("RedisAvailable").isBoolean()).isTrue();
        assertThat(worker.get("errors").size()).isZero();
        List<String> names = new ArrayList<>();
        document.get("mbeans").forEach(m -> names.add(m.get("objectName").asText()));
        assertThat(names).isSorted().hasSize(3).contains("io.wmon:type=CircuitBreaker,name=redis")
                .anyMatch(name -> name.startsWith("io.wmon:type=RedisPool,name="));
    }

    @Test
    void namedAttributesOnlyAndQualifiedByType() {
        CliResult run = Cli.run("jmx", pid(withAgent), "--json", "Worker:Id", "HeartbeatCount", "RedisPool:MaxTotal");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        JsonNode mbeans = run.json().get("mbeans");
        assertThat(mbeans).hasSize(2);
        JsonNode pool = mbeans.get(0);
        assertThat(pool.get("type").asText()).isEqualTo("RedisPool");
        assertThat(pool.get("attributes").fieldNames()).toIterable().containsExactly("MaxTotal");
        assertThat(pool.get("attributes").get("MaxTotal").asInt()).isEqualTo(4);
        JsonNode worker = mbeans.get(1);
        assertThat(worker.get("attributes").fieldNames()).toIterable().containsExactly("HeartbeatCount", "Id");
    }

    @Test
    void textGroupsAttributesUnderTheirObjectName() {
        CliResult run = Cli.run("jmx", pid(withAgent), "Worker:Id", "Worker:State");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out().lines()).first().isEqualTo("io.wmon:type=Worker");
        assertThat(run.out().lines().skip(1)).allMatch(line -> line.startsWith("  "))
                .anyMatch(line -> line.matches("\\s+Id\\s+w1"));
    }

    @Test
    void theListShowsWhichJvmsRunTheAgent() {
        CliResult run = Cli.run("jmx", "--json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        JsonNode with = null;
        JsonNode without = null;
        for (JsonNode jvm : run.json().get("jvms")) {
            if (jvm.get("pid").asLong() == withAgent.pid()) {
                with = jvm;
            } else if (jvm.get("pid").asLong() == withoutAgent.pid()) {
                without = jvm;
            }
        }
        assertThat(with).as(run.out()).isNotNull();
        assertThat(with.get("agent").asBoolean()).isTrue();
        assertThat(with.get("agentVersion").asText()).isNotBlank();
        assertThat(with.get("main").asText()).isEqualTo(TargetJvmMain.class.getName());
        assertThat(without).as(run.out()).isNotNull();
        assertThat(without.get("agent").asBoolean()).isFalse();
        assertThat(without.get("agentVersion").isNull()).isTrue();
    }

    @Test
    void aJvmWithoutTheAgentIsUnreachableInOneLine() {
        CliResult run = Cli.run("jmx", pid(withoutAgent), "--json");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly("wmon: wmon agent not running in pid " + pid(withoutAgent)
                + "; load it with: wmon attach " + pid(withoutAgent));
    }

    @Test
    void anUnknownPidIsUnreachableInOneLine() {
        long unused = 4_000_000;
        while (ProcessHandle.of(unused).isPresent()) {
            unused--;
        }

        CliResult run = Cli.run("jmx", Long.toString(unused));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.errLines()).containsExactly("wmon: no JVM with pid " + unused);
    }

    /**
     * Regression: a process that is no JVM was named by its executable's real file, which for
     * Debian's {@code redis-server} (a symlink) read {@code redis-check-rdb}. A symlink named
     * {@code not-a-jvm} to {@code sleep} stands for it: wmon names it as ps does, and never attaches.
     */
    @Test
    void aProcessThatIsNoJvmIsNamedAsPsNamesIt(@TempDir Path dir) throws IOException {
        Path sleep = Stream.of("/bin/sleep", "/usr/bin/sleep").map(Path::of).filter(Files::isExecutable).findFirst()
                .orElseThrow();
        Path link = Files.createSymbolicLink(dir.resolve("not-a-jvm"), sleep);
        ChildProcess process = PROCESSES.start("not-a-jvm", ProcessCommand.of(link, "60").stdinFromNull());

        CliResult run = Cli.run("jmx", Long.toString(process.pid()));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.errorLine()).isEqualTo("pid " + process.pid() + " is not a JVM (it runs not-a-jvm)");
        assertThat(process.isAlive()).isTrue();
    }

    @Test
    void usageMistakesExit2() {
        assertThat(Cli.run("jmx", pid(withAgent), "NoSuchAttribute").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run("jmx", "State").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run("jmx", pid(withAgent), "--user", "u", "--password-file", "/dev/null").exitCode())
                .isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void anUnknownFlagExits2() {
        assertThat(Cli.run("jmx", "--bogus").exitCode()).isEqualTo(ExitCodes.USAGE);
    }
}
