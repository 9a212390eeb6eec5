package io.wmon.test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Starts and kills the {@code redis-server} child processes of the test servers (one server, or the
 * nodes and sentinels of a deployment): a start counts only once the server on the port reports the
 * started process's own pid, since another server may own the port when ours failed to bind; a
 * kill returns only once the process has exited, so its ports are closed. Every process is
 * registered with {@link ChildProcessReaper} while it runs.
 */
public final class RedisProcessLauncher {

    private static final long POLL_MILLIS = 5;

    private RedisProcessLauncher() {
    }

    /** A started process, or why none started (then nothing of it is left running). */
    public record Launch(Process process, String failure) {

        public boolean started() {
            return process != null;
        }
    }

    /**
     * Runs {@code command} in {@code directory}, its output appended to {@code logFile}, and waits up
     * to {@code timeout} until {@code processIdOnPort} (the {@code process_id} the server on the
     * process's port reports, -1 when none answers) is the process's pid.
     *
     * @param name how a failure names the server ({@code redis-server}, {@code node-0})
     */
    public static Launch launch(String name, List<String> command, Path directory, Path logFile, Duration timeout,
            LongSupplier processIdOnPort) {
        Process started;
        try {
            started = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            return new Launch(null, "cannot execute: " + e.getMessage());
        }
        ChildProcessReaper.register(started);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (!started.isAlive()) {
                ChildProcessReaper.forget(started);
                return new Launch(null, "exited with status " + started.exitValue());
            }
            if (processIdOnPort.getAsLong() == started.pid()) {
                return new Launch(started, null);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill(name, started, timeout);
                throw new IllegalStateException("interrupted while starting " + name, e);
            }
        }
        kill(name, started, timeout);
        return new Launch(null, "no PONG within " + timeout.toMillis() + " ms");
    }

    /** SIGKILL; returns once the process has exited (within {@code timeout}, else fails). */
    public static void kill(String name, Process target, Duration timeout) {
        target.destroyForcibly();
        try {
            if (!target.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " (pid " + target.pid() + ") survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + name, e);
        }
        ChildProcessReaper.forget(target);
    }
}
