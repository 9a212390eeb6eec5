package io.wmon.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** {@code wmon --password-file}: the agent's {@code passwordFile} rules, and never the file's contents in a message. */
class RedisPasswordFileTest {

    private static final CommandLine ROOT = new CommandLine(new WmonCommand());

    @TempDir
    Path dir;

    private Path file(byte[] content) throws IOException {
        return Files.write(dir.resolve("pw"), content);
    }

    private Path file(String content) throws IOException {
        return file(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void oneTrailingLineBreakIsNotPartOfThePassword() throws IOException {
        assertThat(RedisPasswordFile.read(file("s3cret\n"), ROOT)).isEqualTo("s3cret");
        assertThat(RedisPasswordFile.read(file("s3cret\r\n"), ROOT)).isEqualTo("s3cret");
        assertThat(RedisPasswordFile.read(file("s3cret"), ROOT)).isEqualTo("s3cret");
        assertThat(RedisPasswordFile.read(file(" two words \n\n"), ROOT)).isEqualTo(" two words \n");
        assertThat(RedisPasswordFile.read(file("p\u00e4ss\n"), ROOT)).isEqualTo("p\u00e4ss");
    }

    @Test
    void aFileItCannotUseIsAUsageErrorNamingTheFileNotItsContents() throws IOException {
        assertThatThrownBy(() -> RedisPasswordFile.read(dir.resolve("missing"), ROOT))
                .isInstanceOf(ParameterException.class).hasMessageContaining(dir.resolve("missing").toString())
                .hasMessageContaining("no such file");
        assertThatThrownBy(() -> RedisPasswordFile.read(file("\n"), ROOT)).hasMessageContaining("is empty");
        assertThatThrownBy(() -> RedisPasswordFile.read(file(new byte[] {'p', (byte) 0xff, '\n'}), ROOT))
                .hasMessageContaining("is not UTF-8");
        assertThatThrownBy(() -> RedisPasswordFile.read(file("x".repeat(4097)), ROOT))
                .hasMessageContaining("larger than 4096 bytes").hasMessageNotContaining("xxx");
        assertThat(RedisPasswordFile.read(file("y".repeat(4096)), ROOT)).hasSize(4096);
        assertThatThrownBy(() -> RedisPasswordFile.read(dir, ROOT)).hasMessageContaining("cannot be read");
    }
}
