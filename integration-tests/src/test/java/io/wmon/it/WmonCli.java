package io.wmon.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wmon.test.jvm.Artifacts;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.jvm.ProcessCommand;
import io.wmon.test.worker.WorkerFleetExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs the {@code wmon} command from its built jar, {@code java -jar wmon.jar ARGS}, as a user would. */
final class WmonCli {

    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private WmonCli() {
    }

    /** What one run exited with and printed. */
    record Run(int exitCode, String out, String err) {

        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + out + "\n" + err, e);
            }
        }

        List<String> errLines() {
            return err.lines().filter(line -> !line.isBlank()).toList();
        }
    }

    /** Runs {@code wmon ARGS} against the fleet's server (its {@code WMON_REDIS_URL}) and waits for it. */
    static Run run(WorkerFleetExtension fleet, String... args) {
        List<String> argv = new ArrayList<>(List.of(Jdk.current().java().toString(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-jar", Artifacts.cliJar().toString()));
        argv.addAll(List.of(args));
        ChildProcess wmon = fleet.start("wmon", ProcessCommand.of(argv).stdinFromNull());
        int code = wmon.awaitExit(RUN_TIMEOUT);
        return new Run(code, wmon.stdout(), wmon.stderr());
    }
}
