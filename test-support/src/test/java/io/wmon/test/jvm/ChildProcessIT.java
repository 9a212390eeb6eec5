package io.wmon.test.jvm;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Real child JVMs ({@link EchoMain}): output, stdin, environment, signals, JMX, agents and clean-up. */
@Timeout(value = 120, unit = SECONDS)
class ChildProcessIT {

    private static final Duration SHORT = Duration.ofSeconds(10);

    @RegisterExtension
    final ChildProcesses processes = new ChildProcesses();

    private static JvmCommand echo() {
        return JvmCommand.on(Jdk.current()).mainClass(EchoMain.class);
    }

    private ChildProcess startEcho(ProcessCommand command) {
        ChildProcess echo = processes.start("echo", command);
        echo.awaitStdout("^ready pid=\\d+", ChildProcess.START_TIMEOUT);
        return echo;
    }

    @Test
    void stdinReachesTheProcessAndBothOutputsLandInTheirFiles() throws IOException {
        ChildProcess echo = processes.start("echo", echo().args("a", "b"));

        assertThat(echo.awaitStdout("^ready pid=(\\d+) args=a,b$", ChildProcess.START_TIMEOUT).group(1))
                .isEqualTo(Long.toString(echo.pid()));
        echo.send("out hello");
        echo.send("err oops");
        echo.awaitStdout("^hello$", SHORT);
        echo.awaitStderr("^oops$", SHORT);
        assertThat(echo.stdout()).doesNotContain("oops");
        assertThat(Files.readString(echo.outputDir().resolve("command.txt")))
                .contains(Jdk.current().java().toString()).contains(EchoMain.class.getName() + " a b");
        assertThat(echo.outputDir().resolve("stdout.log")).content().contains("hello");

        echo.send("exit 3");
        assertThat(echo.awaitExit(SHORT)).isEqualTo(3);
        assertThat(echo.stdout()).contains("shutdown hook ran");
    }

    /** The failsafe configuration of this module gives the test JVM {@code WMON_TEST_INHERITED}. */
    @Test
    void wmonVariablesOfTheTestJvmAreNotInheritedButTheCommandsOwnAre() {
        assertThat(System.getenv("WMON_TEST_INHERITED")).as("set for this test JVM by the pom").isEqualTo("leak");
        ChildProcess echo = startEcho(echo().toCommand().env("WMON_REDIS_URL", "redis://127.0.0.1:9").env("HOME", null));

        echo.send("env WMON_TEST_INHERITED");
        echo.send("env WMON_REDIS_URL");
        echo.send("env HOME");
        echo.send("env PATH");

        echo.awaitStdout("^env PATH=.+$", SHORT);
        assertThat(echo.stdout()).contains("env WMON_TEST_INHERITED=null\n")
                .contains("env WMON_REDIS_URL=redis://127.0.0.1:9\n").contains("env HOME=null\n");
    }

    @Test
    void stdinFromNullIsAtItsEndAtOnce() {
        ChildProcess echo = processes.start("echo", echo().toCommand().stdinFromNull());

        assertThat(echo.awaitExit(ChildProcess.START_TIMEOUT)).isZero();
        assertThat(echo.stdout()).contains("end of input");
        assertThatThrownBy(() -> echo.send("out x")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void mergedStderrKeepsTheOrderOfTheWrites() {
        ChildProcess echo = startEcho(echo().toCommand().mergeStderr());

        echo.send("out one");
        echo.awaitStdout("^one$", SHORT);
        echo.send("err two");
        echo.awaitStdout("^two$", SHORT);
        echo.send("out three");
        echo.awaitStdout("^three$", SHORT);

        assertThat(echo.stdout()).containsSubsequence("one\n", "two\n", "three\n");
        assertThat(echo.stderr()).isEmpty();
    }

    @Test
    void awaitingALineFailsAsSoonAsTheProcessHasExited() {
        ChildProcess echo = startEcho(echo().toCommand());
        echo.send("exit 0");
        echo.awaitExit(SHORT);

        long start = System.nanoTime();
        assertThatThrownBy(() -> echo.awaitStdout("^never$", Duration.ofMinutes(5)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("exited 0").hasMessageContaining("ready pid=");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void sigtermRunsTheShutdownHooks() {
        ChildProcess echo = startEcho(echo().toCommand());

        echo.terminate();

        assertThat(echo.awaitExit(SHORT)).as(echo.describe()).isEqualTo(128 + 15);
        assertThat(echo.stdout()).contains("shutdown hook ran").as("stdin stays open").doesNotContain("end of input");
    }

    @Test
    void sigintRunsTheShutdownHooks() {
        ChildProcess echo = startEcho(echo().toCommand());

        echo.interrupt();

        assertThat(echo.awaitExit(SHORT)).as(echo.describe()).isEqualTo(128 + 2);
        assertThat(echo.stdout()).contains("shutdown hook ran");
    }

    @Test
    void sigkillRunsNoHook() {
        ChildProcess echo = startEcho(echo().toCommand());

        echo.kill();

        assertThat(echo.awaitExit(SHORT)).isEqualTo(128 + 9);
        assertThat(echo.stdout()).doesNotContain("shutdown hook ran");
    }

    @Test
    void aPausedProcessAnswersOnlyOnceResumed() throws InterruptedException {
        ChildProcess echo = startEcho(echo().toCommand());

        echo.pause();
        echo.send("out while paused");
        Thread.sleep(500); // time enough to answer, were it running
        assertThat(echo.stdout()).doesNotContain("while paused");
        echo.resume();

        echo.awaitStdout("^while paused$", SHORT);
    }

    @Test
    void closeKillsTheProcessAndTheProcessesItStarted() {
        ChildProcess echo = startEcho(echo().toCommand());
        echo.send("spawn");
        long grandchild = Long.parseLong(echo.awaitStdout("^spawned pid=(\\d+)$", SHORT).group(1));
        assertThat(ChildProcess.hasExited(grandchild)).as("grandchild running").isFalse();

        echo.close();

        assertThat(echo.isAlive()).isFalse();
        assertThat(ChildProcess.hasExited(grandchild)).as("grandchild after close").isTrue();
    }

    @Test
    void mbeansAndSystemPropertiesAreReadOverJmxAndTheAttachApi() throws IOException {
        ChildProcess echo = startEcho(echo().jvmFlag("-Dwmon.test.marker=42").toCommand());

        RuntimeMXBean runtime = ManagementFactory.newPlatformMXBeanProxy(echo.jmx(),
                ManagementFactory.RUNTIME_MXBEAN_NAME, RuntimeMXBean.class);
        assertThat(runtime.getPid()).isEqualTo(echo.pid());
        assertThat(runtime.getInputArguments()).contains("-Dwmon.test.marker=42");
        assertThat(JvmThreads.names(echo.jmx())).contains("main");
        assertThat(echo.systemProperties()).containsEntry("wmon.test.marker", "42");
    }

    @Test
    void anAgentGivenOnTheCommandLineRunsBeforeMainAndOneLoadedLaterRunsToo(@TempDir Path dir) throws IOException {
        Path agentJar = testAgentJar(dir);
        ChildProcess echo = startEcho(echo().agent(agentJar, "at-start").toCommand());
        assertThat(echo.stdout()).containsSubsequence("test agent premain: at-start\n", "ready pid=");

        echo.loadAgent(agentJar, "later");

        echo.awaitStdout("^test agent agentmain: later$", SHORT);
        assertThat(echo.systemProperties()).containsEntry(TestAgent.PROPERTY, "later");
    }

    @Test
    void runsOnTheJava25Jdk() {
        Jdk java25 = Jdk.java25().assumeInstalled();
        ChildProcess echo = startEcho(JvmCommand.on(java25).mainClass(EchoMain.class).toCommand());

        echo.send("prop java.specification.version");

        echo.awaitStdout("^prop java.specification.version=25$", SHORT);
    }

    /** A manifest-only jar naming {@link TestAgent}, which the child finds on its class path. */
    private static Path testAgentJar(Path dir) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", TestAgent.class.getName());
        manifest.getMainAttributes().putValue("Agent-Class", TestAgent.class.getName());
        Path jar = dir.resolve("test-agent.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
        return jar;
    }
}
