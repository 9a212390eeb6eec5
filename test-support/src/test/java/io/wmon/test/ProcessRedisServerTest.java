package io.wmon.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The child-process server on its own, for what the extension's tests cannot provoke. */
@Timeout(30)
class ProcessRedisServerTest {

    private static ProcessRedisServer embedded() {
        return new ProcessRedisServer("embedded", RedisBinaries.embedded());
    }

    @Test
    void aServerThatCannotStartIsExplainedWithItsLog(@TempDir Path dir) throws IOException {
        Path fake = dir.resolve("redis-server");
        Files.writeString(fake, "#!/bin/sh\necho \"# Bad directive or wrong number of arguments: $2\"\nexit 1\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));

        try (ProcessRedisServer server = new ProcessRedisServer("redis-server", fake)) {
            assertThatThrownBy(server::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("did not start after 5 attempts: exited with status 1")
                    .hasMessageContaining("Bad directive");
        }
    }

    @Test
    void aStartOnATakenPortFailsClearlyInsteadOfMoving() throws IOException {
        try (ProcessRedisServer server = embedded()) {
            server.start();
            int port = server.port();
            server.stop();
            ServerSocket squatter = new ServerSocket(port, 1, InetAddress.getByName(FreePorts.LOOPBACK));
            try {
                assertThatThrownBy(server::start)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("on port " + port)
                        .hasMessageContaining("Address already in use");
            } finally {
                squatter.close();
            }
            server.start();
            assertThat(server.port()).isEqualTo(port);
        }
    }

    @Test
    void pauseStopsTheProcessAndRestartReplacesIt() throws IOException {
        try (ProcessRedisServer server = embedded()) {
            server.start();
            long pid = server.pid();

            server.pause();
            assertThat(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))).containsPattern("\\) [Tt] ");
            server.resume();

            server.stop();
            assertThat(ProcessHandle.of(pid)).isEmpty();
            server.start();
            assertThat(server.pid()).isNotEqualTo(pid);
        }
    }

    @Test
    void closeKillsTheServerAndDeletesItsDirectory() throws IOException {
        ProcessRedisServer server = embedded();
        server.start();
        long pid = server.pid();
        Path dir = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd"));
        assertThat(dir.getFileName().toString()).startsWith("wmon-redis-");

        server.close();

        assertThat(ProcessHandle.of(pid)).isEmpty();
        assertThat(RedisPing.answers(FreePorts.LOOPBACK, server.port())).isFalse();
        assertThat(dir).doesNotExist();
    }
}
