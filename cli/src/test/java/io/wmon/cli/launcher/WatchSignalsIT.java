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

/**
 * {@code bin/wmon watch} as a process: Ctrl-C and SIGTERM both end it with exit 0 and its one
 * connection closed, within a second although a blocking read is in progress; a Redis that is not
 * there at start is exit 3.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WatchSignalsIT {

    /** The contract's second, with room for a loaded 2-core machine; the figures are printed. */
    private static final Duration EXIT_BOUND = Duration.ofSeconds(3);

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @RegisterExtension
    final ChildProcesses processes = new ChildProcesses();

    /** {@code bin/wmon watch}, once its one connection is blocked in {@code XREAD}. */
    private ChildProcess watching() {
        ChildProcess wmon = processes.start("wmon", ProcessCommand.of(LauncherIT.LAUNCHER, "-r", REDIS.url(), "watch")
                .stdinFromNull());
        await().atMost(Duration.ofSeconds(30)).until(() -> REDIS.probe().clients().stream()
                .anyMatch(c -> c.name().startsWith("wmon:cli:") && c.cmd().startsWith("xread")));
        assertThat(REDIS.probe().countClients("wmon:cli:")).isOne();
        return wmon;
    }

    private static long exitMillis(ChildProcess wmon, Runnable signal) {
        long started = System.nanoTime();
        signal.run();
        int code = wmon.awaitExit(Duration.ofSeconds(15));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(code).as(wmon.describe()).isEqualTo(ExitCodes.OK);
        return millis;
    }

    @Test
    void sigintEndsWatchWithExitZeroAndItsConnectionClosed() throws Exception {
        assumeThat(sigintIgnoredHere()).as("SIGINT is ignored in this process tree").isFalse();
        ChildProcess wmon = watching();

        long millis = exitMillis(wmon, wmon::interrupt);

        System.out.printf("measured: SIGINT to exit of wmon watch: %d ms%n", millis);
        assertThat(Duration.ofMillis(millis)).isLessThan(EXIT_BOUND);
        await().atMost(Duration.ofSeconds(5)).until(() -> REDIS.probe().countClients("wmon:cli:") == 0);
        assertThat(wmon.stderr()).isEmpty();
    }

    @Test
    void sigtermEndsWatchWithExitZeroAndItsConnectionClosed() {
        ChildProcess wmon = watching();

        long millis = exitMillis(wmon, wmon::terminate);

        System.out.printf("measured: SIGTERM to exit of wmon watch: %d ms%n", millis);
        assertThat(Duration.ofMillis(millis)).isLessThan(EXIT_BOUND);
        await().atMost(Duration.ofSeconds(5)).until(() -> REDIS.probe().countClients("wmon:cli:") == 0);
    }

    @Test
    void redisNotThereAtStartIsExit3() {
        ChildProcess wmon = processes.start("wmon", ProcessCommand.of(LauncherIT.LAUNCHER, "-r", "redis://127.0.0.1:1",
                "watch").stdinFromNull());

        assertThat(wmon.awaitExit(Duration.ofSeconds(30))).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(wmon.stderr().strip()).startsWith("wmon: cannot reach Redis at redis://127.0.0.1:1");
        assertThat(wmon.stdout()).isEmpty();
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
