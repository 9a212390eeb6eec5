package io.wmon.cli.command.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.test.RedisServerExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(30)
class RedisPingTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @Test
    void aRedisAnswersPong() {
        assertThat(RedisPing.pong(REDIS.host(), REDIS.port(), Duration.ofSeconds(2))).isTrue();
    }

    @Test
    void aClosedPortAnswersNothing() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        assertThat(RedisPing.reply("127.0.0.1", port, Duration.ofMillis(200))).isNull();
    }

    @Test
    void aSilentListenerTimesOutQuickly() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();

            assertThat(RedisPing.reply("127.0.0.1", silent.getLocalPort(), Duration.ofMillis(200))).isNull();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }
}
