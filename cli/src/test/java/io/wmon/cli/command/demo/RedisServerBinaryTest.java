package io.wmon.cli.command.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RedisServerBinaryTest {

    @Test
    void mapsOsAndCpuToTheEmbeddedRedisResources() {
        assertThat(RedisServerBinary.resourceFor("Linux", "amd64")).isEqualTo("redis-server-6.2.6-v5-linux-amd64");
        assertThat(RedisServerBinary.resourceFor("Linux", "aarch64")).isEqualTo("redis-server-6.2.7-linux-arm64");
        assertThat(RedisServerBinary.resourceFor("Mac OS X", "aarch64")).isEqualTo("redis-server-6.2.6-v5-darwin-arm64");
        assertThatThrownBy(() -> RedisServerBinary.resourceFor("Windows 11", "amd64"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("--redis");
    }

    @Test
    @Timeout(60)
    void theShippedLinuxBinaryIsExtractedRunsAndIsDeletedAfterwards() throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux")
                && System.getProperty("os.arch").equals("amd64"), "the Linux amd64 binary runs here only");

        RedisServerBinary binary = RedisServerBinary.extract();
        try {
            Process version = new ProcessBuilder(binary.path().toString(), "--version").redirectErrorStream(true).start();
            String output = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(version.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(output).startsWith("Redis server v=6.2");
        } finally {
            binary.release();
        }
        assertThat(Files.exists(binary.path())).isFalse();
    }
}
