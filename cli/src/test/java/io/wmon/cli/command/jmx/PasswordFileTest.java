package io.wmon.cli.command.jmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class PasswordFileTest {

    private static final CommandLine COMMAND = new CommandLine(new JmxCommand());

    @TempDir
    Path dir;

    @Test
    void theFirstLineWithoutItsLineBreakIsThePassword() throws IOException {
        assertThat(PasswordFile.read(Files.writeString(dir.resolve("p"), "s3cret pass\r\nignored\n"), COMMAND))
                .isEqualTo("s3cret pass");
    }

    @Test
    void missingAndEmptyFilesAreUsageErrorsThatNeverShowContents() throws IOException {
        assertThatThrownBy(() -> PasswordFile.read(dir.resolve("missing"), COMMAND))
                .isInstanceOf(ParameterException.class).hasMessageContaining("missing");
        assertThatThrownBy(() -> PasswordFile.read(Files.writeString(dir.resolve("empty"), "\nsecret"), COMMAND))
                .isInstanceOf(ParameterException.class).hasMessageContaining("empty")
                .hasMessageNotContaining("secret");
    }
}
