package io.wmon.it.harness;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServerConnection;

/**
 * One running example-worker JVM.
 *
 * <p>Its stdout and stderr go to files (a test never blocks on a full pipe), its stdin is a pipe
 * for {@link #send(String)}. Obtain one from {@link WorkerProcesses#start}, which kills it after
 * the test whatever happens.
 */
public final class WorkerProcess implements AutoCloseable {

    /** How long a worker JVM may take to print {@code ready} or write its first record on a busy 2-core machine. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration POLL = Duration.ofMillis(50);

    private final String name;
    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final Writer stdin;
    private WorkerJmx jmx;

    private WorkerProcess(String name, Process process, Path stdout, Path stderr) {
        this.name = name;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** Starts {@code command}, writing its output under {@code dir}. */
    static WorkerProcess start(String name, WorkerCommand command, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path out = dir.resolve("stdout.log");
        Path err = dir.resolve("stderr.log");
        Files.writeString(dir.resolve("command.txt"), String.join(" ", command.toList()) + "\n");
        ProcessBuilder builder = new ProcessBuilder(command.toList())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("WMON_"));
        builder.environment().putAll(command.environment());
        return new WorkerProcess(name, builder.start(), out, err);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the worker printed on stdout so far. */
    public String stdout() {
        return read(stdout);
    }

    /** Everything the worker printed on stderr so far (the agent logs there). */
    public String stderr() {
        return read(stderr);
    }

    /** Waits until stdout has a line matching {@code regex}; fails early when the worker exits first. */
    public Matcher awaitOutput(String regex, Duration timeout) {
        return await(stdout, "stdout", regex, timeout);
    }

    /** Waits until stderr has a line matching {@code regex}; fails early when the worker exits first. */
    public Matcher awaitStderr(String regex, Duration timeout) {
        return await(stderr, "stderr", regex, timeout);
    }

    /** Writes one line to the worker's stdin. */
    public void send(String line) {
        try {
            stdin.write(line + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the stdin of " + describe(), e);
        }
    }

    /** The worker's platform MBeanServer over a real JMX connector, opened on first use. */
    public synchronized MBeanServerConnection jmx() {
        if (jmx == null) {
            jmx = WorkerJmx.connect(pid());
        }
        return jmx.connection();
    }

    /** Loads the agent jar into the running worker with {@code options} ({@code VirtualMachine.loadAgent}). */
    public void attachAgent(Path agentJar, String options) {
        AttachClient.loadAgent(pid(), agentJar, options);
    }

    /** The worker's system properties, read over the Attach API. */
    public Properties systemProperties() {
        return AttachClient.systemProperties(pid());
    }

    /** SIGTERM ({@link Process#destroy()}): the JVM runs its shutdown hooks. */
    public void terminate() {
        process.destroy();
    }

    /** SIGKILL: no shutdown hook runs. */
    public void kill() {
        process.destroyForcibly();
    }

    /**
     * Waits for the worker to exit.
     *
     * @return its exit code
     * @throws AssertionError when it is still running after {@code timeout}
     */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(describe() + " still runs after " + timeout);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Closes the JMX connector and kills the worker if it still runs. */
    @Override
    public synchronized void close() {
        try {
            if (jmx != null) {
                jmx.close();
                jmx = null;
            }
        } finally {
            try {
                stdin.close();
            } catch (IOException e) {
                // the worker may have exited: nothing left to close
            }
            if (process.isAlive()) {
                process.destroyForcibly();
                try {
                    process.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Name, pid and both outputs, for assertion messages. */
    public String describe() {
        return "worker " + name + " (pid " + pid() + (process.isAlive() ? "" : ", exited " + process.exitValue())
                + ")\n--- stdout ---\n" + stdout() + "--- stderr ---\n" + stderr();
    }

    private Matcher await(Path file, String stream, String regex, Duration timeout) {
        Pattern pattern = Pattern.compile(regex, Pattern.MULTILINE);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean exited = !process.isAlive();
            Matcher matcher = pattern.matcher(read(file));
            if (matcher.find()) {
                return matcher;
            }
            if (exited || System.nanoTime() > deadline) {
                throw new AssertionError("no line matching /" + regex + "/ on " + stream + " of " + describe());
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
