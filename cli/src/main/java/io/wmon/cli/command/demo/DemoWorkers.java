package io.wmon.cli.command.demo;

import io.wmon.core.fleet.FleetReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The worker JVMs of one demo run, each writing its output to {@code demo-<i>.log} in a log folder.
 *
 * <p>One worker may be {@linkplain #freezeLater frozen} with {@code SIGSTOP} after a while, as a
 * hung JVM or one whose host paused it: it stops beating, so the view shows it stale, then gone
 * once its record expires. {@link #close()} thaws it ({@code SIGCONT}) and ends every worker the
 * way an operator would: {@code SIGTERM} to all (the agent's shutdown hook then marks each worker
 * stopped in Redis and removes it from the registry), a bounded wait, then {@code SIGKILL} for any
 * that is still alive, and waits for those too.
 */
final class DemoWorkers implements AutoCloseable {

    private static final String READY = "ready pid=";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(8);

    private final List<Process> processes = new ArrayList<>();
    private final Path logDir;
    private final CountDownLatch closing = new CountDownLatch(1);
    private Process frozen;
    private boolean closed;

    DemoWorkers(Path logDir) {
        this.logDir = logDir;
    }

    /**
     * Starts {@code count} workers; after {@link #close()} it starts none.
     *
     * @throws DemoFailure when a process cannot be started (those already running keep running
     *     until {@link #close()})
     */
    void start(WorkerLaunch launch, int count) {
        for (int i = 1; i <= count; i++) {
            ProcessBuilder builder = new ProcessBuilder(launch.command(i))
                    .redirectErrorStream(true)
                    .redirectOutput(log(i).toFile());
            launch.environment(builder.environment());
            synchronized (processes) {
                if (closed) {
                    return;
                }
                try {
                    processes.add(builder.start());
                } catch (IOException e) {
                    throw new DemoFailure("cannot start worker " + WorkerLaunch.workerId(i) + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /**
     * Waits until every worker printed its {@code ready} line.
     *
     * @throws DemoFailure naming the worker and its log when one exits or stays silent
     */
    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Process> started;
        synchronized (processes) {
            started = List.copyOf(processes);
        }
        for (int i = 1; i <= started.size(); i++) {
            Process process = started.get(i - 1);
            while (!isReady(i)) {
                if (!process.isAlive()) {
                    throw new DemoFailure("worker " + WorkerLaunch.workerId(i) + " exited with code "
                            + process.exitValue() + " before it was ready; see " + log(i));
                }
                if (System.nanoTime() > deadline) {
                    throw new DemoFailure("worker " + WorkerLaunch.workerId(i) + " not ready after "
                            + timeout.toSeconds() + " s; see " + log(i));
                }
                sleep(100);
            }
        }
    }

    /**
     * Waits until {@code count} workers are alive in the fleet, so that the first screen shows them all;
     * after {@code timeout} it says so on {@code err} and returns.
     */
    static void awaitFirstBeats(FleetReader reader, int count, Duration timeout, PrintWriter err) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (reader.read().aliveCount() < count) {
            if (System.nanoTime() > deadline) {
                err.println("wmon demo: not every worker reported to Redis within " + timeout.toSeconds()
                        + " s; their logs may say why");
                err.flush();
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Freezes the {@code index}-th worker (1-based) with {@code SIGSTOP} after {@code delay}, on a
     * daemon thread, unless the run closes first. Needs the POSIX {@code kill} command; without it
     * nothing is frozen and {@code err} says why.
     */
    void freezeLater(int index, Duration delay, PrintWriter err) {
        Process target;
        synchronized (processes) {
            if (closed || index < 1 || index > processes.size()) {
                return;
            }
            target = processes.get(index - 1);
        }
        Thread freezer = new Thread(() -> {
            try {
                if (closing.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
            synchronized (processes) {
                if (!closed && target.isAlive() && signal("STOP", target, err)) {
                    frozen = target;
                }
            }
        }, "wmon-demo-freeze");
        freezer.setDaemon(true);
        freezer.start();
    }

    /** Sends {@code SIGname} to {@code process} with {@code kill}; false (and a line on {@code err}) when it fails. */
    private static boolean signal(String name, Process process, PrintWriter err) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0) {
                return true;
            }
            kill.destroyForcibly();
        } catch (IOException e) {
            // Reported below.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (err != null) {
            err.println("wmon demo: could not send SIG" + name + " to pid " + process.pid() + " (no kill command?)");
            err.flush();
        }
        return false;
    }

    /** The process ids, in worker order. */
    List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        synchronized (processes) {
            for (Process process : processes) {
                pids.add(process.pid());
            }
        }
        return pids;
    }

    Path logDir() {
        return logDir;
    }

    /** Stops every worker and waits until each has exited. Safe to call more than once. */
    @Override
    public void close() {
        List<Process> started;
        synchronized (processes) {
            closed = true;
            closing.countDown();
            started = List.copyOf(processes);
            if (frozen != null) {
                // A stopped process would hold SIGTERM until SIGCONT: thaw it so that it stops cleanly.
                signal("CONT", frozen, null);
                frozen = null;
            }
        }
        for (Process process : started) {
            process.destroy();
        }
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (Process process : started) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!process.waitFor(left, TimeUnit.NANOSECONDS)) {
                    process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean isReady(int index) {
        Path log = log(index);
        try {
            // Decoded leniently: the worker may be in the middle of writing a multi-byte character.
            return Files.exists(log) && new String(Files.readAllBytes(log), StandardCharsets.UTF_8).contains(READY);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    private Path log(int index) {
        return logDir.resolve(WorkerLaunch.workerId(index) + ".log");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailure("interrupted while waiting for the workers", e);
        }
    }
}
