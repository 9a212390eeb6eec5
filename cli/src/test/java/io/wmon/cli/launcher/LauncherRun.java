package io.wmon.cli.launcher;

import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.ProcessCommand;
import io.wmon.test.worker.WorkerFleetExtension;
import java.time.Duration;
import java.util.Map;

/**
 * One {@code bin/wmon args…} run as a process, as a user's shell starts it: stdin from /dev/null, the
 * given environment on top of the test's, its output whole once it has exited.
 *
 * @param exitCode the process's exit code
 * @param out      all it wrote to stdout
 * @param err      all it wrote to stderr
 */
record LauncherRun(int exitCode, String out, String err) {

    /** The longest a one-shot command may take here. */
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);

    /** Runs {@code bin/wmon args…} under {@code fleet} (which stops it should the test end first) and waits for its exit. */
    static LauncherRun of(WorkerFleetExtension fleet, Map<String, String> env, String... args) {
        ProcessCommand command = ProcessCommand.of(LauncherIT.LAUNCHER, args).stdinFromNull();
        env.forEach(command::env);
        ChildProcess wmon = fleet.start("wmon", command);
        int code = wmon.awaitExit(EXIT_TIMEOUT);
        return new LauncherRun(code, wmon.stdout(), wmon.stderr());
    }
}
