package io.wmon.cli.command.attach;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wmon.cli.Wmon;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * One {@code wmon} invocation inside the test JVM, with stdout and stderr captured.
 *
 * @param exitCode what {@code execute} returned
 * @param out everything printed on stdout
 * @param err everything printed on stderr
 */
public record WmonRun(int exitCode, String out, String err) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Runs {@code wmon args…} through {@link Wmon#commandLine()}. */
    public static WmonRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Wmon.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new WmonRun(code, out.toString(), err.toString());
    }

    /**
     * Whether picocli's own usage errors (an unknown flag, a value of the wrong type) exit with 2.
     * That takes the root's exit-code mapper to answer USAGE for a {@code ParameterException},
     * which the skeleton's {@code Wmon.commandLine()} does not yet do (branch cli-a fixes it); tests
     * of such errors are skipped until then.
     */
    public static boolean parseErrorsExitUsage() {
        return of("--no-such-flag").exitCode() == 2;
    }

    /** Stdout parsed as one JSON document. */
    public JsonNode json() {
        try {
            return JSON.readTree(out);
        } catch (IOException e) {
            throw new UncheckedIOException("stdout is not JSON: " + out, e);
        }
    }

    /** Stderr's lines, without the trailing line break. */
    public String[] errLines() {
        return err.isEmpty() ? new String[0] : err.strip().split("\\R");
    }
}
