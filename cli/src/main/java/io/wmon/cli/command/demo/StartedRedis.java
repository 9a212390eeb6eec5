package io.wmon.cli.command.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} the demo started for itself: loopback only, on a free port, with nothing
 * written to disk ({@code --save "" --appendonly no}). {@link #close()} stops it and waits until it
 * has exited.
 */
public final class StartedRedis implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final int ATTEMPTS = 3;

    private final RedisServerBinary binary;
    private final Process process;
    private final int port;
    private final Path dir;

    private StartedRedis(RedisServerBinary binary, Process process, int port, Path dir) {
        this.binary = binary;
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /**
     * Starts a server and returns once it answers {@code PING}; a port taken meanwhile is retried.
     *
     * @throws IllegalStateException when it does not start, with the end of its log
     */
    public static StartedRedis start(RedisServerBinary binary) {
        try {
            Path dir = Files.createTempDirectory("wmon-demo-redis-");
            String last = "";
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                int port = freePort();
                Path log = dir.resolve("redis.log");
                Process process = new ProcessBuilder(List.of(binary.path().toString(), "--port", Integer.toString(port),
                        "--bind", HOST, "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                        "--daemonize", "no", "--loglevel", "warning"))
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (awaitPong(process, port)) {
                    return new StartedRedis(binary, process, port, dir);
                }
                stop(process);
                last = Files.exists(log) ? lastLine(Files.readString(log)) : "";
            }
            deleteDir(dir);
            binary.release();
            throw new IllegalStateException("could not start " + binary.path() + " (" + last + ")");
        } catch (IOException e) {
            binary.release();
            throw new UncheckedIOException("could not start " + binary.path(), e);
        }
    }

    private static boolean awaitPong(Process process, int port) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (RedisPing.pong(HOST, port, Duration.ofMillis(500))) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    public String url() {
        return "redis://" + HOST + ":" + port;
    }

    long pid() {
        return process.pid();
    }

    /** Stops the server (SIGTERM, then SIGKILL after {@link #STOP_TIMEOUT}) and removes its files. */
    @Override
    public void close() {
        stop(process);
        deleteDir(dir);
        binary.release();
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    private static String lastLine(String log) {
        String[] lines = log.strip().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }

    private static void deleteDir(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            dir.toFile().deleteOnExit();
        }
    }
}
