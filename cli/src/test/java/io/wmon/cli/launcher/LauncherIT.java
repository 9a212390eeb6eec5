package io.wmon.cli.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.cli.CliResult;
import io.wmon.cli.TestFleet;
import io.wmon.cli.shell.ExitCodes;
import io.wmon.core.record.WorkerState;
import io.wmon.test.RedisServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    private static final Path JAR = Path.of("target", "wmon.jar").toAbsolutePath();

    @Test
    void runsTheJarOfTheSourceTree() {
        Launched.Result version = Launched.run(Launched.LAUNCHER, Map.of(), "--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("wmon ");

        Launched.Result status = Launched.run(Launched.LAUNCHER, Map.of("WMON_REDIS_URL", REDIS.url()),
                "status", "--json");
        assertThat(status.exitCode()).as(status.err()).isEqualTo(ExitCodes.OK);
        // The default namespace is empty here: stderr says so, stdout holds the document alone.
        assertThat(status.err().lines()).allSatisfy(line -> assertThat(line)
                .startsWith("wmon: namespace 'default' has no workers"));
        assertThat(CliResult.parse(status.out()).get("redis").asText()).isEqualTo(REDIS.url());
    }

    @Test
    void exitCodesReachTheShell() {
        assertThat(Launched.run(Launched.LAUNCHER, Map.of(), "status", "--bogus").exitCode())
                .isEqualTo(ExitCodes.USAGE);
        REDIS.stop();
        try {
            Launched.Result down = Launched.run(Launched.LAUNCHER, Map.of(), "-r", REDIS.url(), "status");
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

        Launched.Result piped = Launched.run(Launched.LAUNCHER, env, "-n", "colour", "status");
        Launched.Result forced = Launched.run(Launched.LAUNCHER,
                Map.of("WMON_REDIS_URL", REDIS.url(), "WMON_JAVA_OPTS", "-Dpicocli.ansi=true"),
                "-n", "colour", "status");

        assertThat(piped.exitCode()).as(piped.err()).isEqualTo(ExitCodes.OK);
        assertThat(piped.out()).contains("late").doesNotContain("\u001b[");
        assertThat(forced.exitCode()).as(forced.err()).isEqualTo(ExitCodes.OK);
        assertThat(forced.out().lines().filter(line -> line.contains("late")))
                .singleElement().asString().startsWith(Style.fg_red.on());
    }

    @Test
    void saysHowToBuildWhenThereIsNoJar(@TempDir Path dir) throws IOException {
        Path launcher = copyLauncher(dir);

        Launched.Result result = Launched.run(launcher, Map.of(), "status");

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
            Launched.Result result = Launched.run(entry, Map.of("JAVA_HOME", dir.resolve("no-such-jdk").toString()),
                    "--version");
            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).startsWith("wmon ");
            assertThat(result.err()).isEmpty();
        }
    }

    private static Path copyLauncher(Path dir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path launcher = bin.resolve("wmon");
        Files.copy(Launched.LAUNCHER, launcher, StandardCopyOption.COPY_ATTRIBUTES);
        return launcher;
    }
}
