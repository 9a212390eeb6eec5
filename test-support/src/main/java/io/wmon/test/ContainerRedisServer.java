package io.wmon.test;

import com.github.dockerjava.api.DockerClient;
import java.time.Duration;
import java.util.List;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Redis 7 in a Docker container started through Testcontainers.
 *
 * <p>The container's port is published on a fixed host port chosen up front, so a restarted
 * container keeps the URL that clients under test were given. Stop, start, pause and resume go
 * to the Docker engine directly for the same container, since Testcontainers' own {@code stop()}
 * removes it; the container is removed in {@link #close()} (and by Testcontainers' reaper if
 * the JVM dies).
 */
final class ContainerRedisServer implements RedisServerBackend {

    private static final DockerImageName IMAGE = DockerImageName.parse("redis:7");
    private static final int REDIS_PORT = 6379;
    /** Starting a container takes seconds, not milliseconds; the first start may pull the image. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** Attempts with a new host port, should the chosen one be taken before Docker binds it. */
    private static final int LAUNCH_ATTEMPTS = 3;

    private GenericContainer<?> container;
    private String host;
    private int port;
    private boolean running;
    private boolean paused;

    @Override
    public String kind() {
        return "container";
    }

    @Override
    public synchronized String host() {
        return host;
    }

    @Override
    public synchronized int port() {
        return port;
    }

    @Override
    public String url() {
        return "redis://" + host() + ":" + port();
    }

    @Override
    public synchronized void open() {
        RuntimeException failure = null;
        for (int attempt = 1; attempt <= LAUNCH_ATTEMPTS; attempt++) {
            int candidate = FreePorts.find();
            String publishedOn = publishedHost();
            GenericContainer<?> created = create(publishedOn, candidate);
            try {
                created.start();
                container = created;
                host = publishedOn;
                port = candidate;
                running = true;
                awaitPong();
                return;
            } catch (RuntimeException e) {
                created.stop();
                container = null;
                running = false;
                failure = e;
            }
        }
        throw new IllegalStateException("the redis:7 container did not start", failure);
    }

    /**
     * Where clients reach the published port: 127.0.0.1 for a local engine (published there only,
     * never exposing a password-less Redis to the network), else the engine's host.
     */
    private static String publishedHost() {
        String dockerHost = DockerClientFactory.instance().dockerHostIpAddress();
        boolean local = "localhost".equals(dockerHost) || "127.0.0.1".equals(dockerHost);
        return local ? FreePorts.LOOPBACK : dockerHost;
    }

    private static GenericContainer<?> create(String publishedOn, int hostPort) {
        boolean loopback = FreePorts.LOOPBACK.equals(publishedOn);
        String binding = (loopback ? publishedOn + ":" : "") + hostPort + ":" + REDIS_PORT;
        GenericContainer<?> created = new GenericContainer<>(IMAGE)
                .withExposedPorts(REDIS_PORT)
                .withCommand("redis-server", "--save", "", "--appendonly", "no",
                        // Clients come through the engine's port mapping, never from the container's loopback.
                        "--enable-debug-command", "yes")
                .withStartupTimeout(READY_TIMEOUT);
        created.setPortBindings(List.of(binding));
        return created;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        docker().startContainerCmd(container.getContainerId()).exec();
        running = true;
        paused = false;
        awaitPong();
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        resume();
        docker().stopContainerCmd(container.getContainerId()).withTimeout(0).exec();
        running = false;
        if (!RedisPing.awaitSilence(host, port, READY_TIMEOUT)) {
            throw new IllegalStateException("port " + port + " still answers after the container stopped");
        }
    }

    @Override
    public synchronized void pause() {
        if (!running) {
            throw new IllegalStateException("the Redis container is not running");
        }
        if (!paused) {
            docker().pauseContainerCmd(container.getContainerId()).exec();
            paused = true;
        }
    }

    @Override
    public synchronized void resume() {
        if (paused) {
            docker().unpauseContainerCmd(container.getContainerId()).exec();
            paused = false;
            awaitPong();
        }
    }

    @Override
    public synchronized void close() {
        if (container == null) {
            return;
        }
        try {
            if (paused) {
                docker().unpauseContainerCmd(container.getContainerId()).exec();
            }
        } finally {
            container.stop();
            container = null;
            running = false;
            paused = false;
        }
    }

    private static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }

    private void awaitPong() {
        if (!RedisPing.awaitPong(host, port, READY_TIMEOUT)) {
            throw new IllegalStateException("the Redis container does not answer PING on " + host + ":" + port);
        }
    }
}
