package io.wmon.bench.startup;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One timed child JVM: nanoseconds from just before {@link ProcessBuilder#start()} to the first
 * line on its stdout (the marker printed at main entry), and to its exit; and from its last line to
 * its exit.
 */
record Spawn(long toMainNanos, long toExitNanos, long lastLineToExitNanos, List<String> lines) {

    static Spawn run(List<String> command, File stderr) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(stderr))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        long start = System.nanoTime();
        Process process = builder.start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String first = out.readLine();
            long atMain = System.nanoTime();
            if (!"M".equals(first)) {
                throw new IllegalStateException("child printed " + first + " instead of the marker: " + command);
            }
            List<String> lines = new ArrayList<>();
            long atLastLine = atMain;
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                atLastLine = System.nanoTime();
                lines.add(line);
            }
            int status = process.waitFor();
            long atExit = System.nanoTime();
            if (status != 0) {
                throw new IllegalStateException("child exited with " + status + ": " + command);
            }
            return new Spawn(atMain - start, atExit - start, atExit - atLastLine, lines);
        } finally {
            process.destroyForcibly();
        }
    }
}
