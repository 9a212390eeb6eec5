package io.wmon.test.topology;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A deployment that cannot start says why, quoting the servers' logs, and leaves no server behind. */
@Timeout(value = 60, unit = SECONDS)
class TopologyFailuresIT {

    private static final Pattern ADDRESS = Pattern.compile("127\\.0\\.0\\.1:(\\d+)");

    private static Path failingBinary(Path dir) throws IOException {
        Path fake = dir.resolve("redis-server");
        Files.writeString(fake, "#!/bin/sh\necho \"# Bad directive or wrong number of arguments: $2\"\nexit 1\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        return fake;
    }

    @Test
    void aClusterWhoseBinaryCannotStartIsExplainedWithTheNodesLog(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> RedisClusterDeployment.builder().binary(failingBinary(dir)).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("node-0 did not start after 5 attempts: exited with status 1")
                .hasMessageContaining("--- node-0: ")
                .hasMessageContaining("Bad directive");
    }

    @Test
    void aSentinelDeploymentWhoseBinaryCannotStartIsExplainedWithTheMastersLog(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> RedisSentinelDeployment.builder().binary(failingBinary(dir)).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("master did not start after 5 attempts: exited with status 1")
                .hasMessageContaining("Bad directive");
    }

    @Test
    void aClusterNotHealthyInTimeNamesWhatWasWrongAndIsStopped() {
        // A master declares the cluster ok 2 s after its own start at the earliest: 1 ms cannot be enough.
        RedisClusterDeployment.Builder impatient = RedisClusterDeployment.builder().readyTimeout(Duration.ofMillis(1));

        assertThatThrownBy(impatient::start).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("not a healthy Redis Cluster of 3 masters [127.0.0.1:")
                .hasMessageContaining(" within 1 ms: 127.0.0.1:")
                .hasMessageContaining("--- node-2: ")
                .satisfies(failure -> assertThat(ports(failure.getMessage())).hasSizeGreaterThanOrEqualTo(3)
                        .noneMatch(TopologyFailuresIT::answers));
    }

    private static List<Integer> ports(String message) {
        List<Integer> ports = new ArrayList<>();
        Matcher matcher = ADDRESS.matcher(message.lines().findFirst().orElse(""));
        while (matcher.find()) {
            ports.add(Integer.parseInt(matcher.group(1)));
        }
        return ports;
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
