package io.wmon.cli.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.cli.CliResult;
import io.wmon.cli.TestFleet;
import io.wmon.cli.shell.ExitCodes;
import io.wmon.core.record.WorkerState;
import io.wmon.test.RedisServerExtension;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.ChildProcesses;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.jvm.ProcessCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Help.Ansi.Style;

/** {@code bin/wmon} runs the shaded {@code cli/target/wmon.jar}, and says clearly when there is none. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LauncherIT {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @RegisterExtension
    final ChildProcesses processes = new ChildProcesses();

    /** The launcher in the source tree: the module's directory is the working directory of the tests. */
    static final Path LAUNCHER = Path.of("").toAbsolutePath().resolveSibling("bin").resolve("wmon");

    private static final Path JAR = Path.of("target", "wmon.jar").toAbsolutePath();
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

    /** What one run of the launcher printed, and its exit code. */
    private record Result(int exitCode, String out, String err) {
    }

    /**
     * Runs {@code launcher args…} as a script would: stdin from /dev/null, no inherited {@code WMON_*}
     * variable, {@code env} on top.
     */
    private Result run(Path launcher, Map<String, String> env, String... args) {
        ProcessCommand command = ProcessCommand.of(launcher, args).stdinFromNull();
        env.forEach(command::env);
        ChildProcess wmon = processes.start("wmon", command);
        int code = wmon.awaitExit(RUN_TIMEOUT);
        return new Result(code, wmon.stdout(), wmon.stderr());
    }

    @Test
    void runsTheJarOfTheSourceTree() {
        Result version = run(LAUNCHER, Map.of(), "--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("wmon ");

        Result status = run(LAUNCHER, Map.of("WMON_REDIS_URL", REDIS.url()),
                "status", "--json");
        assertThat(status.exitCode()).as(status.err()).isEqualTo(ExitCodes.OK);
        // The default namespace is empty here: stderr says so, stdout holds the document alone.
        assertThat(status.err().lines()).allSatisfy(line -> assertThat(line)
                .startsWith("wmon: namespace 'default' has no workers"));
        assertThat(CliResult.parse(status.out()).get("redis").asText()).isEqualTo(REDIS.url());
    }

    @Test
    void exitCodesReachTheShell() {
        Result bogus = run(LAUNCHER, Map.of(), "status", "--bogus");
        assertThat(bogus.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bogus.err()).isEqualTo("wmon: unknown option '--bogus'; see 'wmon status --help'\n");
        REDIS.stop();
        try {
            Result down = run(LAUNCHER, Map.of(), "-r", REDIS.url(), "status");
            assertThat(down.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
            assertThat(down.err().lines()).singleElement().asString().contains(REDIS.url());
        } finally {
            REDIS.start();
        }
    }

    /** Colour is picocli's Ansi.AUTO: off on a pipe; -Dpicocli.ansi=true forces it (stale rows red). */
    @Test
    void colourIsOffOnAPipeAndPicocliCanForceIt() {
        long longAgo = System.currentTimeMillis() - 600_000;
        new TestFleet(REDIS.url(), "colour").write(TestFleet.worker("late", longAgo, WorkerState.IDLE).build());
        Map<String, String> env = Map.of("WMON_REDIS_URL", REDIS.url());

        Result piped = run(LAUNCHER, env, "-n", "colour", "status");
        Result forced = run(LAUNCHER,
                Map.of("WMON_REDIS_URL", REDIS.url(), "WMON_JAVA_OPTS", "-Dpicocli.ansi=true"),
                "-n", "colour", "status");

        assertThat(piped.exitCode()).as(piped.err()).isEqualTo(ExitCodes.OK);
        assertThat(piped.out()).contains("late").doesNotContain("\u001b[");
        assertThat(forced.exitCode()).as(forced.err()).isEqualTo(ExitCodes.OK);
        assertThat(forced.out().lines().filter(line -> line.contains("late")))
                .singleElement().asString().startsWith(Style.fg_red.on());
    }

    /**
     * The build's class-data archive fits the JVM that built it, and the launcher passes it: a run
     * loads its classes, picocli's Java 5 class files among them, from the archive, not from the jar.
     */
    @Test
    void theLauncherLoadsTheClassesOfTheBuildsArchive() {
        assertThat(JAR.resolveSibling("wmon.jsa")).as("the archive the package phase makes").isRegularFile();

        Result version = run(LAUNCHER, Map.of("WMON_JAVA_OPTS", "-Xlog:class+load=info:stdout"), "--version");

        assertThat(version.exitCode()).as(version.err()).isZero();
        assertThat(version.out().lines().filter(line -> line.contains(" picocli.CommandLine ")))
                .singleElement().asString().endsWith("source: shared objects file");
        assertThat(version.out().lines().filter(line -> line.contains(" io.wmon.cli.Wmon ")))
                .singleElement().asString().contains("source: shared objects file");
    }

    /**
     * Another JVM than the one that made the archive does not get it: JDK 25 would print two lines
     * about an archive it cannot use on every run, whatever {@code -Xlog} says.
     */
    @Test
    void anotherJvmRunsWithoutTheArchiveAndSaysNothingAboutIt() {
        Jdk other = Jdk.java25().assumeInstalled();

        Result version = run(LAUNCHER, Map.of("JAVA_HOME", other.home().toString(),
                "WMON_JAVA_OPTS", "-Xlog:class+load=info:stdout"), "--version");

        assertThat(version.exitCode()).as(version.err()).isZero();
        assertThat(version.err()).isEmpty();
        assertThat(version.out().lines().filter(line -> line.contains(" picocli.CommandLine ")))
                .singleElement().asString().doesNotContain("shared objects file");
    }

    @Test
    void saysHowToBuildWhenThereIsNoJar(@TempDir Path dir) throws IOException {
        Path launcher = copyLauncher(dir);

        Result result = run(launcher, Map.of(), "status");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo(
                "wmon: cli/target/wmon.jar not found; build it with ./mvnw -B install -DskipTests\n");
    }

    @Test
    void findsAnInstalledJarInLibIgnoringAnArchiveThatDoesNotFitAndABadJavaHome(@TempDir Path dir)
            throws IOException {
        Path launcher = copyLauncher(dir);
        Files.createDirectories(dir.resolve("lib"));
        Files.copy(JAR, dir.resolve("lib/wmon.jar"));
        Files.writeString(dir.resolve("lib/wmon.jsa"), "not a class-data archive");
        Path link = dir.resolve("wmon-link");
        Files.createSymbolicLink(link, launcher);

        for (Path entry : new Path[] {launcher, link}) {
            Result result = run(entry, Map.of("JAVA_HOME", dir.resolve("no-such-jdk").toString()),
                    "--version");
            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).startsWith("wmon ");
            assertThat(result.err()).isEmpty();
        }
    }

    private static Path copyLauncher(Path dir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path launcher = bin.resolve("wmon");
        Files.copy(LAUNCHER, launcher, StandardCopyOption.COPY_ATTRIBUTES);
        return launcher;
    }
}
