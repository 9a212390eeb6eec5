package io.wmon.cli.launcher;

import static io.wmon.cli.TestFleet.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wmon.cli.TestFleet;
import io.wmon.cli.shell.ExitCodes;
import io.wmon.cli.text.SafeText;
import io.wmon.cli.text.TerminalBytes;
import io.wmon.core.record.WorkerState;
import io.wmon.test.RedisServerExtension;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.ChildProcesses;
import io.wmon.test.jvm.ProcessCommand;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/wmon status} as a process, its stdout read as bytes: hostile strings from Redis reach
 * neither a pipe nor a terminal raw, and a record of megabytes makes a table row of a few hundred
 * bytes within a small heap.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TerminalSafetyIT {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @TempDir
    Path dir;

    @RegisterExtension
    final ChildProcesses processes = new ChildProcesses();

    /** The raw bytes {@code bin/wmon args…} wrote on stdout; it must exit 0. */
    private byte[] run(Map<String, String> env, String... args) throws IOException {
        ProcessCommand command = ProcessCommand.of(LauncherIT.LAUNCHER, args).stdinFromNull();
        env.forEach(command::env);
        return bytesOf(command);
    }

    private byte[] bytesOf(ProcessCommand command) throws IOException {
        ChildProcess process = processes.start("wmon", command);
        int code = process.awaitExit(Duration.ofSeconds(120));
        assertThat(code).as(process.stderr()).isEqualTo(ExitCodes.OK);
        return Files.readAllBytes(process.outputDir().resolve("stdout.log"));
    }

    private static void writeHostileFleet(String namespace) {
        TestFleet fleet = new TestFleet(REDIS.url(), namespace);
        long now = System.currentTimeMillis();
        fleet.write(worker("clear", now, WorkerState.BUSY).host(TerminalBytes.CLEAR).job(TerminalBytes.TITLE).build(),
                worker("clip", now, WorkerState.BUSY).host(TerminalBytes.CLIPBOARD)
                        .job(TerminalBytes.C1_CSI + TerminalBytes.BIDI).build(),
                worker("stale", now - 60_000, WorkerState.IDLE).host("\u0007\u007f").build());
        fleet.admin(jedis -> jedis.zadd(fleet.keys().workers(), now, "m" + TerminalBytes.CLEAR + TerminalBytes.TITLE));
    }

    @Test
    void pipedTheBytesHoldNoControlFromRedis() throws Exception {
        writeHostileFleet("piped");

        byte[] once = run(Map.of(), "-r", REDIS.url(), "-n", "piped", "status");
        byte[] cycles = run(Map.of(), "-r", REDIS.url(), "-n", "piped", "status", "-c", "-i", "0.05",
                "--max-cycles", "3");
        // Colour forced on (as for less -R): only wmon's colour sequences.
        byte[] coloured = run(Map.of("WMON_JAVA_OPTS", "-Dpicocli.ansi=true"), "-r", REDIS.url(), "-n", "piped",
                "status");

        TerminalBytes.assertInert(once);
        TerminalBytes.assertInert(cycles);
        TerminalBytes.assertOnlyOwnSequences(coloured, 0);
        assertThat(new String(once, StandardCharsets.UTF_8)).contains(TerminalBytes.escapedForms());
    }

    /** On a real pseudo-terminal (util-linux script), the redrawn view, its title, frame and colours. */
    @Test
    void onATerminalOnlyWmonsOwnSequencesReachIt() throws Exception {
        assumeTrue(new File("/usr/bin/script").canExecute(), "needs /usr/bin/script for a pseudo-terminal");
        writeHostileFleet("tty");
        String wmon = LauncherIT.LAUNCHER + " -r " + REDIS.url() + " -n tty status -c -i 0.2 --max-cycles 3";

        byte[] screen = bytesOf(ProcessCommand.of(Path.of("/usr/bin/script"), "-qec",
                "stty cols 120 rows 40; " + wmon, "/dev/null").stdinFromNull());

        String text = new String(screen, StandardCharsets.UTF_8);
        assertThat(text).as("the view was redrawn in place").contains("\u001b[H").contains("(Ctrl-C quits)");
        TerminalBytes.assertOnlyOwnSequences(screen, 1);
        assertThat(text).contains("\\x1b[2J", "\\x1b]0;owned\\x07", "\\x9b31m", "\\u202e");
    }

    /** Regression: a 5 MB host made each row 10.5 MB (OutOfMemoryError with -Xmx512m over a fleet). */
    @Test
    void megabyteHostsAndJobsMakeABoundedTableInASmallHeap() throws Exception {
        TestFleet fleet = new TestFleet(REDIS.url(), "big");
        long now = System.currentTimeMillis();
        for (String id : List.of("big-1", "big-2")) {
            fleet.write(worker(id, now, WorkerState.BUSY).intervalMillis(600_000).host("h".repeat(5_000_000))
                    .job("j".repeat(5_000_000)).build());
        }

        byte[] out = run(Map.of("WMON_JAVA_OPTS", "-Xmx64m"), "-r", REDIS.url(), "-n", "big", "status");

        assertThat(out.length).isLessThan(2_000);
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(text).contains("h".repeat(254) + SafeText.CUT_MARK + "  ")
                .contains("j".repeat(255) + SafeText.CUT_MARK);
    }
}
