package io.wmon.test;

import java.nio.file.Files;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;

/**
 * Tells whether a Docker engine can run containers for the tests.
 *
 * <p>Asking Testcontainers costs seconds on a machine without Docker (it tries every known
 * strategy), so a cheap look at the usual hints comes first: {@code DOCKER_HOST}, or a Docker
 * socket at one of its usual places (system, Docker Desktop, rootless). Only when one exists is
 * Testcontainers asked.
 */
final class DockerEngine {

    private static Boolean available;

    private DockerEngine() {
    }

    /** True when a Docker engine answers; asked at most once per JVM. */
    static synchronized boolean answers() {
        if (available == null) {
            available = hinted() && DockerClientFactory.instance().isDockerAvailable();
        }
        return available;
    }

    /** True when something suggests a Docker engine: no network traffic, only the environment and files. */
    static boolean hinted() {
        String dockerHost = System.getenv("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            return true;
        }
        String home = System.getProperty("user.home", "");
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        return Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(home, ".docker", "run", "docker.sock"))
                || runtimeDir != null && Files.exists(Path.of(runtimeDir, "docker.sock"));
    }
}
