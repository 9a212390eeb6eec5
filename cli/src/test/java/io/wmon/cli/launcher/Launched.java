package io.wmon.cli.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code bin/wmon} as a real process, as a user would. */
final class Launched {

    /** The launcher in the source tree: the module's directory is the working directory of the tests. */
    static final Path LAUNCHER = Path.of("").toAbsolutePath().resolveSibling("bin").resolve("wmon");

    record Result(int exitCode, String out, String err) {
    }

    private Launched() {
    }

    static ProcessBuilder builder(Path launcher, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null")));
        builder.environment().remove("WMON_REDIS_URL");
        builder.environment().remove("WMON_JAVA_OPTS");
        builder.environment().putAll(env);
        return builder;
    }

    static Result run(Path launcher, Map<String, String> env, String... args) {
        try {
            Path out = Files.createTempFile("wmon-out", ".txt");
            Path err = Files.createTempFile("wmon-err", ".txt");
            Process process = builder(launcher, env, args).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("wmon did not exit within 60 s: " + List.of(args));
            }
            Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
