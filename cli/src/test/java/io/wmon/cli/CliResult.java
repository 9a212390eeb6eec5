package io.wmon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** What one in-process run of {@code wmon} returned and printed. */
public record CliResult(int exitCode, String out, String err, long millis) {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PREFIX = "wmon: ";

    /** Stdout as one JSON document. */
    public JsonNode json() {
        return parse(out);
    }

    /** Stdout as one JSON document per line. */
    public List<JsonNode> jsonLines() {
        List<JsonNode> docs = new ArrayList<>();
        out.lines().filter(line -> !line.isBlank()).forEach(line -> docs.add(parse(line)));
        return docs;
    }

    /**
     * Stderr as the one error line every failure prints, without its {@code wmon: } prefix.
     *
     * @throws AssertionError when stderr is not exactly one line starting {@code wmon: }, or stdout is not empty
     */
    public String errorLine() {
        List<String> lines = err.lines().toList();
        if (lines.size() != 1 || !lines.get(0).startsWith(PREFIX)) {
            throw new AssertionError("expected one stderr line starting '" + PREFIX + "', got " + lines.size()
                    + " (exit " + exitCode + "):\n" + err);
        }
        if (!out.isEmpty()) {
            throw new AssertionError("expected nothing on stdout after an error, got:\n" + out);
        }
        return lines.get(0).substring(PREFIX.length());
    }

    /** Stderr's non-empty lines. */
    public List<String> errLines() {
        return err.lines().filter(line -> !line.isBlank()).toList();
    }

    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }
}
