package io.wmon.test.topology;

import io.wmon.test.ChildProcessReaper;
import io.wmon.test.FreePorts;
import io.wmon.test.ProcessSignals;
import io.wmon.test.RedisProcessLauncher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * One {@code redis-server} of a deployment (a cluster node, a master, a replica or a sentinel) run as a
 * child process in its own directory, its output appended to {@code redis.log} there.
 *
 * <p>The first start picks its ports and retries with new ones when they were taken meanwhile; later
 * starts reuse them, so that the others find the server again where they knew it. Killing sends SIGKILL,
 * like a crash; pausing sends SIGSTOP, like a long GC pause or a stalled host. The process is killed when
 * the JVM exits should {@link #close()} never run.
 */
final class RedisNodeProcess implements AutoCloseable {

    /** How long a start may take before it counts as failed; a healthy start takes ~10 ms. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
    /** Attempts at the first start, each on new ports (a port found free may be taken before the bind). */
    private static final int LAUNCH_ATTEMPTS = 5;
    private static final int LOG_TAIL_LINES = 20;
    private static final Pattern PROCESS_ID = Pattern.compile("process_id:(\\d+)");

    private final String name;
    private final Path dir;
    private final Path logFile;
    private final Supplier<NodePorts> portPicker;
    private final Function<NodePorts, List<String>> command;
    private final HarnessConnections connections;
    /** Null until the first successful start. */
    private NodePorts ports;
    private Process process;
    private boolean paused;

    /**
     * @param name       how messages name the server ({@code node-0}, {@code sentinel-2})
     * @param dir        its own directory, the working directory of the process
     * @param portPicker new ports for a first start
     * @param command    the command line for the given ports
     * @param connections how to reach the server (plain or TLS) to see it answer
     */
    RedisNodeProcess(String name, Path dir, Supplier<NodePorts> portPicker, Function<NodePorts, List<String>> command,
            HarnessConnections connections) {
        this.name = name;
        this.dir = dir;
        this.logFile = WorkDirectory.deletedOnExit(dir.resolve("redis.log"));
        this.portPicker = portPicker;
        this.command = command;
        this.connections = connections;
    }

    String name() {
        return name;
    }

    Path dir() {
        return dir;
    }

    /** {@code 127.0.0.1:<port>}; fails before the first start. */
    synchronized HostAndPort address() {
        return new HostAndPort(FreePorts.LOOPBACK, ports().port());
    }

    synchronized NodePorts ports() {
        if (ports == null) {
            throw new IllegalStateException(name + " has not started yet");
        }
        return ports;
    }

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    synchronized boolean isPaused() {
        return paused;
    }

    /** Starts the server unless it runs; returns once it answers PING from its own process id. */
    synchronized void start() {
        if (isRunning()) {
            return;
        }
        if (process != null) {
            ChildProcessReaper.forget(process);
            process = null;
        }
        boolean firstStart = ports == null;
        String failure = "";
        for (int attempt = 1; attempt <= (firstStart ? LAUNCH_ATTEMPTS : 1); attempt++) {
            NodePorts candidate = firstStart ? portPicker.get() : ports;
            failure = launch(candidate);
            if (failure == null) {
                ports = candidate;
                return;
            }
        }
        throw new IllegalStateException(name + " did not start" + (firstStart ? " after " + LAUNCH_ATTEMPTS
                + " attempts" : " on port " + ports.port()) + ": " + failure + "\n" + logTail());
    }

    /** Launches on {@code candidate}; returns null once the server answers, else why it did not. */
    private String launch(NodePorts candidate) {
        HostAndPort address = new HostAndPort(FreePorts.LOOPBACK, candidate.port());
        RedisProcessLauncher.Launch launch = RedisProcessLauncher.launch(name, command.apply(candidate), dir, logFile,
                READY_TIMEOUT, () -> processId(address));
        if (launch.started()) {
            process = launch.process();
            paused = false;
        }
        return launch.failure();
    }

    /** The {@code process_id} the server at {@code address} reports, -1 when it does not answer. */
    private long processId(HostAndPort address) {
        try (Jedis jedis = connections.open(address, HarnessConnections.CHECK_TIMEOUT_MILLIS)) {
            Matcher matcher = PROCESS_ID.matcher(jedis.info("server"));
            return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** SIGKILL; returns once the process has exited (its ports are closed then). Does nothing when not running. */
    synchronized void kill() {
        if (process == null) {
            return;
        }
        RedisProcessLauncher.kill(name, process, READY_TIMEOUT);
        process = null;
        paused = false;
    }

    /** SIGSTOP: the connections stay open, nothing answers. */
    synchronized void pause() {
        if (!paused) {
            ProcessSignals.stop(running().pid());
            paused = true;
        }
    }

    /** SIGCONT; returns once the server answers again. */
    synchronized void resume() {
        if (!paused) {
            return;
        }
        Process running = running();
        ProcessSignals.resume(running.pid());
        paused = false;
        HostAndPort address = address();
        BoundedWait.until(name + " answering after SIGCONT", READY_TIMEOUT,
                () -> processId(address) == running.pid() ? null : "no answer on " + address, this::logTail);
    }

    private Process running() {
        if (!isRunning()) {
            throw new IllegalStateException(name + " is not running");
        }
        return process;
    }

    /** The process id, -1 when not running. */
    synchronized long pid() {
        return isRunning() ? process.pid() : -1;
    }

    /** Kills the server, paused or not (SIGKILL ends a stopped process too). */
    @Override
    public synchronized void close() {
        kill();
    }

    /** The last lines of the server's log, headed by its path, to explain a failure. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return "--- " + name + ": " + logFile + " (tail) ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "--- " + name + ": no log (" + e.getMessage() + ") ---";
        }
    }
}
