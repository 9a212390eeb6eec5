package io.wmon.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code redis-server} executable run as a child process of the test JVM, listening on
 * 127.0.0.1 only, in its own temporary directory, without persistence unless a test asks for a
 * restart that keeps the data ({@link #restartKeepingData()}).
 *
 * <p>{@code DEBUG} is allowed from loopback ({@code DEBUG SLEEP} is a fault the tests cause).
 * Pausing sends SIGSTOP, which freezes the server the way a long GC pause or a stalled host
 * would: connections stay open but nothing answers. Stopping kills it with SIGKILL, like a crash.
 */
final class ProcessRedisServer implements RedisServerBackend {

    private static final String HOST = FreePorts.LOOPBACK;
    /** How long a start may take before it counts as failed; a healthy start takes ~10 ms. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
    /** The snapshot {@code SHUTDOWN SAVE} writes into the server's directory (Redis's default name). */
    private static final String SNAPSHOT = "dump.rdb";
    /** Attempts to launch, each with a new port on the first start (the port may have been taken). */
    private static final int LAUNCH_ATTEMPTS = 5;

    private final String kind;
    private final Path binary;
    /** {@code null} for a server without TLS. */
    private final RedisTls tls;
    private final Path workDir;
    private final Path logFile;
    /** 0 until the first successful start; from then on every start reuses it. */
    private int port;
    /** Likewise for the TLS port; 0 without TLS. */
    private int tlsPort;
    private Process process;
    private boolean paused;

    ProcessRedisServer(String kind, Path binary) {
        this(kind, binary, null);
    }

    /** A server that also listens for TLS on a port of its own, as {@code tls} says. */
    ProcessRedisServer(String kind, Path binary, RedisTls tls) {
        this.kind = kind;
        this.binary = binary;
        this.tls = tls;
        try {
            this.workDir = Files.createTempDirectory("wmon-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for redis-server", e);
        }
        this.logFile = workDir.resolve("redis.log");
        // Should afterAll never run, the JVM deletes both on exit (the log first, then the directory).
        workDir.toFile().deleteOnExit();
        logFile.toFile().deleteOnExit();
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public String host() {
        return HOST;
    }

    @Override
    public synchronized int port() {
        return port;
    }

    @Override
    public String url() {
        return "redis://" + HOST + ":" + port();
    }

    /** The TLS port, 0 when the server has no TLS or has not started yet. */
    @Override
    public synchronized int tlsPort() {
        return tlsPort;
    }

    /** The process id of the running server, or -1 when it is stopped. */
    synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    @Override
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        if (process != null) {
            ChildProcessReaper.forget(process);
            process = null;
        }
        boolean firstStart = port == 0;
        String failure = "";
        for (int attempt = 1; attempt <= LAUNCH_ATTEMPTS; attempt++) {
            int candidate = firstStart ? FreePorts.find() : port;
            int tlsCandidate = tls == null ? 0 : firstStart ? FreePorts.find() : tlsPort;
            failure = launch(candidate, tlsCandidate);
            if (failure == null) {
                port = candidate;
                tlsPort = tlsCandidate;
                return;
            }
            RedisPing.sleep();
        }
        throw new IllegalStateException(binary + " did not start" + (firstStart ? "" : " on port " + port)
                + " after " + LAUNCH_ATTEMPTS + " attempts: " + failure + "\n--- " + logFile + " (tail) ---\n" + logTail());
    }

    /** Launches the server on {@code candidate}; returns null once it answers, else why it did not. */
    private String launch(int candidate, int tlsCandidate) {
        RedisProcessLauncher.Launch launch = RedisProcessLauncher.launch("redis-server", command(candidate, tlsCandidate),
                workDir, logFile, READY_TIMEOUT, () -> RedisPing.processId(HOST, candidate));
        if (launch.started()) {
            process = launch.process();
            paused = false;
        }
        return launch.failure();
    }

    private List<String> command(int candidate, int tlsCandidate) {
        List<String> command = new java.util.ArrayList<>(List.of(binary.toString(),
                "--port", Integer.toString(candidate),
                "--bind", HOST,
                "--save", "",
                "--appendonly", "no",
                "--daemonize", "no",
                "--dir", workDir.toString(),
                "--logfile", ""));
        if (RedisBinaries.hasDebugCommandOption(binary)) {
            // Redis 7 refuses DEBUG unless told otherwise; fault tests use DEBUG SLEEP from loopback.
            command.addAll(List.of("--enable-debug-command", "local"));
        }
        if (tls != null) {
            command.addAll(tls.arguments(tlsCandidate));
        }
        return command;
    }

    @Override
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        RedisProcessLauncher.kill("redis-server", process, READY_TIMEOUT);
        process = null;
        paused = false;
        if (!RedisPing.awaitSilence(HOST, port, READY_TIMEOUT)) {
            throw new IllegalStateException("port " + port + " still answers after redis-server was killed");
        }
    }

    /**
     * {@code SHUTDOWN SAVE} (the server writes {@code dump.rdb} into its directory and exits), then a start,
     * which loads that file; the file is deleted once the server runs, so that later starts are empty.
     */
    @Override
    public synchronized void restartKeepingData() {
        Process running = running();
        if (paused) {
            resume();
        }
        RedisPing.send(HOST, port, "SHUTDOWN SAVE");
        try {
            if (!running.waitFor(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("redis-server on port " + port + " did not exit after SHUTDOWN SAVE");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for redis-server to save and exit", e);
        }
        ChildProcessReaper.forget(running);
        process = null;
        Path snapshot = workDir.resolve(SNAPSHOT);
        if (!Files.exists(snapshot)) {
            throw new IllegalStateException("redis-server on port " + port + " wrote no " + snapshot + "\n" + logTail());
        }
        start();
        try {
            Files.delete(snapshot);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + snapshot + " after the restart", e);
        }
    }

    @Override
    public synchronized void pause() {
        if (paused) {
            return;
        }
        ProcessSignals.stop(running().pid());
        paused = true;
    }

    @Override
    public synchronized void resume() {
        if (!paused) {
            return;
        }
        ProcessSignals.resume(running().pid());
        paused = false;
        if (!RedisPing.awaitPong(HOST, port, READY_TIMEOUT)) {
            throw new IllegalStateException("redis-server on port " + port + " does not answer after SIGCONT");
        }
    }

    private Process running() {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("redis-server on port " + port + " is not running");
        }
        return process;
    }

    @Override
    public synchronized void close() {
        try {
            stop();
        } finally {
            deleteWorkDir();
        }
    }

    private void deleteWorkDir() {
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // Best effort: a leftover temporary directory is harmless.
        }
    }

    /** The last lines the server wrote, to explain a failed start. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
