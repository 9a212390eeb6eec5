package io.wmon.test.jvm;

import io.wmon.test.ChildProcessReaper;
import io.wmon.test.ProcessSignals;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServerConnection;

/**
 * One running child process of a test, usually a JVM: its output in files, its stdin a pipe, the
 * signals a test sends, its MBeans over a real JMX connector, and a {@link #close()} that kills it
 * and every process it started.
 *
 * <p>Get one from {@link ChildProcesses#start}, which closes it after the test whatever happens.
 * Its folder holds {@code command.txt}, {@code stdout.log} and {@code stderr.log}; a test never
 * blocks on a full pipe.
 */
public final class ChildProcess implements AutoCloseable {

    /** How long a child JVM may take to print its first line or write its first record on a busy 2-core machine. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final Process process;
    private final Path dir;
    private final Writer stdin;
    private JmxConnection jmx;

    private ChildProcess(String name, Process process, Path dir, boolean pipedStdin) {
        this.name = name;
        this.process = process;
        this.dir = dir;
        this.stdin = pipedStdin ? new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8) : null;
    }

    /**
     * Starts {@code command} with its output in {@code dir}; the caller must {@link #close()} it.
     * Should that never happen, the test JVM's shutdown kills it.
     */
    public static ChildProcess start(String name, ProcessCommand command, Path dir) {
        try {
            Files.createDirectories(dir);
            Path stdout = dir.resolve("stdout.log");
            Path stderr = dir.resolve("stderr.log");
            Files.writeString(dir.resolve("command.txt"), command + "\n");
            Files.writeString(stderr, ""); // stays empty when merged into stdout
            Process process = command.builder(stdout, stderr).start();
            ChildProcessReaper.register(process);
            return new ChildProcess(name, process, dir, !command.stdinIsNull());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The folder with the command line and the output files. */
    public Path outputDir() {
        return dir;
    }

    /** Everything printed on stdout so far (and stderr, with {@link ProcessCommand#mergeStderr()}). */
    public String stdout() {
        return read(dir.resolve("stdout.log"));
    }

    /** Everything printed on stderr so far (a Java agent logs there); empty when merged into stdout. */
    public String stderr() {
        return read(dir.resolve("stderr.log"));
    }

    /** Waits until stdout has a line matching {@code regex}; fails early when the process exits first. */
    public Matcher awaitStdout(String regex, Duration timeout) {
        return await("stdout", this::stdout, regex, timeout);
    }

    /** Waits until stderr has a line matching {@code regex}; fails early when the process exits first. */
    public Matcher awaitStderr(String regex, Duration timeout) {
        return await("stderr", this::stderr, regex, timeout);
    }

    /** Writes one line to stdin. */
    public synchronized void send(String line) {
        try {
            pipe().write(line + "\n");
            pipe().flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the stdin of " + describe(), e);
        }
    }

    /** Closes stdin: the process reads end of input. */
    public synchronized void closeStdin() {
        try {
            pipe().close();
        } catch (IOException e) {
            // the process may have exited: nothing left to close
        }
    }

    /**
     * SIGTERM, as {@code kill PID} sends it: a JVM runs its shutdown hooks. Only the signal: stdin
     * stays open ({@link Process#destroy()} would close it, and a process reading stdin would race
     * its end of input against the signal).
     */
    public void terminate() {
        process.toHandle().destroy();
    }

    /** SIGKILL to this process only, like a crash: no shutdown hook runs. */
    public void kill() {
        process.toHandle().destroyForcibly();
    }

    /** SIGINT, as Ctrl-C sends it. */
    public void interrupt() {
        ProcessSignals.interrupt(pid());
    }

    /** SIGSTOP: frozen until {@link #resume()}; returns once the kernel reports it stopped. */
    public void pause() {
        ProcessSignals.stop(pid());
    }

    /** SIGCONT. */
    public void resume() {
        ProcessSignals.resume(pid());
    }

    /**
     * Waits for the process to exit.
     *
     * @return its exit code
     * @throws AssertionError when it still runs after {@code timeout}
     */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(describe() + "\nstill runs after " + timeout);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The JVM's platform MBeanServer over a real JMX connector, opened on first use, closed with this. */
    public synchronized MBeanServerConnection jmx() {
        if (jmx == null) {
            jmx = JmxConnection.connect(pid());
        }
        return jmx.connection();
    }

    /** Loads {@code agentJar} into the running JVM with {@code options} ({@code VirtualMachine.loadAgent}). */
    public void loadAgent(Path agentJar, String options) {
        AttachSession.loadAgent(pid(), agentJar, options);
    }

    /** The JVM's system properties, read over the Attach API. */
    public Properties systemProperties() {
        return AttachSession.systemProperties(pid());
    }

    /** Name, pid, exit code and output so far, for assertion messages. */
    public String describe() {
        return name + " (pid " + pid() + (process.isAlive() ? "" : ", exited " + process.exitValue()) + ", "
                + dir + ")\n--- stdout ---\n" + stdout() + "--- stderr ---\n" + stderr();
    }

    /** Closes the JMX connector and stdin, and kills the process and everything it started. */
    @Override
    public synchronized void close() {
        try {
            if (jmx != null) {
                jmx.close();
                jmx = null;
            }
        } finally {
            if (stdin != null) {
                closeStdin();
            }
            List<ProcessHandle> descendants = process.descendants().toList();
            ChildProcessReaper.killWithDescendants(process);
            try {
                if (!process.waitFor(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException(this + " survived SIGKILL for " + CLOSE_TIMEOUT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            descendants.forEach(descendant -> awaitExited(descendant.pid()));
            ChildProcessReaper.forget(process);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ")";
    }

    private Writer pipe() {
        if (stdin == null) {
            throw new IllegalStateException(name + " reads stdin from /dev/null");
        }
        return stdin;
    }

    private Matcher await(String stream, Supplier<String> output, String regex,
            Duration timeout) {
        Pattern pattern = Pattern.compile(regex, Pattern.MULTILINE);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean exited = !process.isAlive();
            Matcher matcher = pattern.matcher(output.get());
            if (matcher.find()) {
                return matcher;
            }
            if (exited || System.nanoTime() - deadline > 0) {
                throw new AssertionError("no line matching /" + regex + "/ on " + stream + " within " + timeout
                        + " of " + describe());
            }
            sleep(POLL);
        }
    }

    /**
     * True when no process {@code pid} runs: none exists, or only its zombie is left (its parent
     * was killed and nobody reaped it yet).
     */
    public static boolean hasExited(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return !handle.get().isAlive();
        }
    }

    private static void awaitExited(long pid) {
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        while (!hasExited(pid)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("pid " + pid + " survived SIGKILL for " + CLOSE_TIMEOUT);
            }
            sleep(POLL);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
