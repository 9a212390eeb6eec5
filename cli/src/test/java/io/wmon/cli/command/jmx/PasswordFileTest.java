package io.wmon.cli.command.jmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordFileTest {

    @TempDir
    Path dir;

    @Test
    void theFirstLineWithoutItsLineBreakIsThePassword() throws IOException {
        assertThat(PasswordFile.read(Files.writeString(dir.resolve("p"), "s3cret pass\r\nignored\n")))
                .isEqualTo("s3cret pass");
    }

    @Test
    void missingAndEmptyFilesAreUsageErrorsThatNeverShowContents() throws IOException {
        assertThatThrownBy(() -> PasswordFile.read(dir.resolve("missing")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing");
        assertThatThrownBy(() -> PasswordFile.read(Files.writeString(dir.resolve("empty"), "\nsecret")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty")
                .hasMessageNotContaining("secret");
    }
}
