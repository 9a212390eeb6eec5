package io.wmon.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Sends the signals Java cannot send itself (SIGSTOP, SIGCONT, SIGINT) through the {@code kill}
 * command. SIGTERM and SIGKILL are {@link Process#destroy()} and {@link Process#destroyForcibly()}.
 */
public final class ProcessSignals {

    /** How long to wait for the kernel to report a process stopped; it normally takes microseconds. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(2);

    private ProcessSignals() {
    }

    /** Sends SIGSTOP and, where /proc exists, returns only once the process is really stopped. */
    public static void stop(long pid) {
        send("-STOP", pid);
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return;
        }
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        while (!isStopped(stat)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("process " + pid + " did not stop after SIGSTOP");
            }
            RedisPing.sleep();
        }
    }

    /** Sends SIGCONT. */
    public static void resume(long pid) {
        send("-CONT", pid);
    }

    /** Sends SIGINT, as Ctrl-C in a terminal does. */
    public static void interrupt(long pid) {
        send("-INT", pid);
    }

    /** Reads the state letter of /proc/PID/stat, found after the command name in parentheses. */
    private static boolean isStopped(Path stat) {
        try {
            String text = Files.readString(stat);
            char state = text.charAt(text.lastIndexOf(')') + 2);
            return state == 'T' || state == 't';
        } catch (IOException e) {
            return false;
        }
    }

    private static void send(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(pid))
                    .redirectErrorStream(true)
                    .start();
            String output = new String(kill.getInputStream().readAllBytes());
            int status = kill.waitFor();
            if (status != 0) {
                throw new IllegalStateException("kill " + signal + " " + pid + " failed (" + status + "): " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill " + signal + " " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending " + signal + " to " + pid, e);
        }
    }
}
