package io.wmon.bench.capacity;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;

/**
 * A {@code redis-server} of the benchmark's own on a free loopback port, without persistence, optionally
 * pinned to CPUs with {@code taskset} so that it does not share a core with the generators. Closing
 * stops it.
 */
final class OwnRedis implements AutoCloseable {

    private final Process process;
    private final int port;

    private OwnRedis(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code redis-server} (from the PATH) on {@code cpus} ({@code ""}: any) and waits for its PING. */
    static OwnRedis start(String cpus, File log) throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        if (!cpus.isEmpty()) {
            command.addAll(List.of("taskset", "-c", cpus));
        }
        command.addAll(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        OwnRedis redis = new OwnRedis(process, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                jedis.ping();
                return redis;
            } catch (RuntimeException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    redis.close();
                    throw new IOException("redis-server did not answer on port " + port + " within 10 s; see " + log);
                }
                Thread.sleep(50);
            }
        }
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
