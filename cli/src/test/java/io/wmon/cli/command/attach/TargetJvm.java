package io.wmon.cli.command.attach;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link TargetJvmMain} in a JVM of its own, started from this JVM's {@code java.home} with the
 * given JVM options; {@link #close()} ends it and waits until it has exited.
 */
public final class TargetJvm implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;

    private TargetJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the JVM and returns once it printed its ready line. */
    public static TargetJvm start(List<String> jvmOptions) {
        return start(Path.of(System.getProperty("java.home")), jvmOptions);
    }

    /** Starts the JVM of another JDK, e.g. a newer one than the tests run on. */
    public static TargetJvm start(Path javaHome, List<String> jvmOptions) {
        try {
            Path log = Files.createTempFile("wmon-target-jvm-", ".log");
            List<String> command = new ArrayList<>();
            command.add(javaHome.resolve("bin").resolve("java").toString());
            command.add("-Xmx64m");
            command.add("-XX:+UseSerialGC");
            command.add("-XX:TieredStopAtLevel=1");
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(testClasses().toString());
            command.add(TargetJvmMain.class.getName());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            TargetJvm jvm = new TargetJvm(process, log);
            jvm.awaitReady();
            return jvm;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code -javaagent:<the built agent jar>=<options>}. */
    public static String javaAgent(String options) {
        return "-javaagent:" + agentJar() + "=" + options;
    }

    /**
     * The shaded agent jar the agent module built; the tests need it, so its absence fails them
     * with the command that builds it.
     */
    public static Path agentJar() {
        Path jar = Path.of("..", "agent", "target", "wmon-agent.jar").toAbsolutePath().normalize();
        assertThat(jar).as("the agent jar; build it first: ./mvnw -pl agent,cli -am verify").isRegularFile();
        return jar;
    }

    /** The class folder holding {@link TargetJvmMain}, for a worker class path. */
    public static Path testClasses() {
        try {
            return Path.of(TargetJvmMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** What the JVM printed so far, stdout and stderr together. */
    public String output() {
        try {
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!output().contains("ready pid=")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("target JVM did not start: " + output());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            try {
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                log.toFile().deleteOnExit();
            }
        }
    }
}
