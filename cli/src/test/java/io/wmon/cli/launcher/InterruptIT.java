package io.wmon.cli.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.wmon.cli.shell.ExitCodes;
import io.wmon.test.RedisServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C ends {@code status --continuous} with exit 0 and its one connection closed. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InterruptIT {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @Test
    void sigintStopsTheLoopClosesTheConnectionAndExitsZero(@TempDir Path dir) throws Exception {
        assumeThat(sigintIgnoredHere()).as("SIGINT is ignored in this process tree, so no child could receive it")
                .isFalse();
        Path out = dir.resolve("out.txt");
        Process wmon = Launched.builder(Launched.LAUNCHER, Map.of(), "-r", REDIS.url(), "status", "--continuous",
                "--interval", "0.1").redirectOutput(out.toFile()).redirectError(dir.resolve("err.txt").toFile())
                .start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> REDIS.probe().countClients("wmon:cli:") == 1
                    && Files.readString(out).contains("\n\n"));

            new ProcessBuilder("kill", "-INT", Long.toString(wmon.pid())).start().waitFor();

            assertThat(wmon.waitFor(15, TimeUnit.SECONDS)).as("exited after SIGINT").isTrue();
            assertThat(wmon.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isEqualTo(ExitCodes.OK);
            await().atMost(Duration.ofSeconds(5)).until(() -> REDIS.probe().countClients("wmon:cli:") == 0);
            assertThat(Files.readString(out)).startsWith("default @ " + REDIS.url());
        } finally {
            wmon.destroyForcibly();
        }
    }

    /** Whether SIGINT is ignored (SigIgn bit 2 in /proc/self/status), which children would inherit. */
    private static boolean sigintIgnoredHere() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        return Files.readAllLines(status).stream().filter(line -> line.startsWith("SigIgn:"))
                .map(line -> Long.parseLong(line.substring(7).trim(), 16))
                .anyMatch(mask -> (mask & (1L << 1)) != 0);
    }
}
