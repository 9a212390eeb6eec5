package io.wmon.test.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCommandTest {

    @TempDir
    Path dir;

    @Test
    void variablesAreSetOrRemovedOnTopOfTheInheritedEnvironment() {
        Map<String, String> env = ProcessCommand.of(Path.of("/bin/true"))
                .env("WMON_REDIS_URL", "redis://127.0.0.1:1")
                .env("HOME", null)
                .builder(dir.resolve("out"), dir.resolve("err"))
                .environment();

        assertThat(env).containsEntry("WMON_REDIS_URL", "redis://127.0.0.1:1").doesNotContainKey("HOME");
        assertThat(env.get("PATH")).isEqualTo(System.getenv("PATH"));
    }

    @Test
    void stdinIsAPipeAndStderrAFileOfItsOwnByDefault() {
        ProcessBuilder builder = ProcessCommand.of(Path.of("/bin/true")).builder(dir.resolve("out"), dir.resolve("err"));

        assertThat(builder.redirectInput()).isEqualTo(ProcessBuilder.Redirect.PIPE);
        assertThat(builder.redirectErrorStream()).isFalse();
        assertThat(builder.redirectError().file()).isEqualTo(dir.resolve("err").toFile());
        assertThat(builder.redirectOutput().file()).isEqualTo(dir.resolve("out").toFile());
    }

    @Test
    void stdinFromNullAndMergedStderr() {
        ProcessBuilder builder = ProcessCommand.of(Path.of("/bin/true")).stdinFromNull().mergeStderr()
                .builder(dir.resolve("out"), dir.resolve("err"));

        assertThat(builder.redirectInput().file()).isEqualTo(new File("/dev/null"));
        assertThat(builder.redirectErrorStream()).isTrue();
    }

    @Test
    void argumentsFollowTheProgram() {
        assertThat(ProcessCommand.of(Path.of("/bin/wmon"), "-r", "redis://h:1").args("status", "--json").argv())
                .containsExactly("/bin/wmon", "-r", "redis://h:1", "status", "--json");
    }
}
