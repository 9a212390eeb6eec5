package io.wmon.test;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A test JVM that ends without {@code afterAll} must not leave its redis-server behind. */
@Timeout(60)
class ChildProcessReaperTest {

    /** Run in a child JVM: starts a server, prints its pid, and exits without stopping it. */
    public static void main(String[] args) {
        ProcessRedisServer server = new ProcessRedisServer("embedded", RedisBinaries.embedded());
        server.start();
        System.out.println(server.pid());
        System.exit(3);
    }

    @Test
    void aJvmExitingWithoutCleanUpTakesItsServerAlong() throws IOException, InterruptedException {
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(javaCommand, "-cp", System.getProperty("java.class.path"),
                ChildProcessReaperTest.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(3);

        long serverPid = Long.parseLong(output);
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(serverPid).isEmpty());
    }
}
