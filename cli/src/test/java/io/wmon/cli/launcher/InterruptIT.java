package io.wmon.cli.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.wmon.cli.shell.ExitCodes;
import io.wmon.test.RedisServerExtension;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.ChildProcesses;
import io.wmon.test.jvm.ProcessCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Ctrl-C ends {@code status --continuous} with exit 0 and its one connection closed. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InterruptIT {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @RegisterExtension
    final ChildProcesses processes = new ChildProcesses();

    @Test
    void sigintStopsTheLoopClosesTheConnectionAndExitsZero() throws Exception {
        assumeThat(sigintIgnoredHere()).as("SIGINT is ignored in this process tree, so no child could receive it")
                .isFalse();
        ChildProcess wmon = processes.start("wmon", ProcessCommand.of(LauncherIT.LAUNCHER, "-r", REDIS.url(), "status",
                "--continuous", "--interval", "0.1").stdinFromNull());
        await().atMost(Duration.ofSeconds(30)).until(() -> REDIS.probe().countClients("wmon:cli:") == 1
                && wmon.stdout().contains("\n\n"));

        wmon.interrupt();

        assertThat(wmon.awaitExit(Duration.ofSeconds(15))).as(wmon.stderr()).isEqualTo(ExitCodes.OK);
        await().atMost(Duration.ofSeconds(5)).until(() -> REDIS.probe().countClients("wmon:cli:") == 0);
        assertThat(wmon.stdout()).startsWith("default @ " + REDIS.url());
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
