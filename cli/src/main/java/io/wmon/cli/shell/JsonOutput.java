package io.wmon.cli.shell;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes one compact JSON document on one line to a writer it does not own, with Jackson's
 * streaming generator: no object tree, so a fleet of 10,000 workers costs no extra garbage.
 */
public final class JsonOutput {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    /** Fills one document through a generator. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private JsonOutput() {
    }

    /** Writes the document that {@code body} generates, then a newline; flushes {@code out}. */
    public static void writeLine(Writer out, Body body) {
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON output", e);
        }
        try {
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON output", e);
        }
    }

    /**
     * A generator on {@code out} for a document written over time ({@code status --json} as its
     * batches arrive); closing it leaves {@code out} open.
     */
    public static JsonGenerator open(Writer out) {
        try {
            return FACTORY.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON output", e);
        }
    }

    /** A count, or null when it is unknown (negative). */
    public static void count(JsonGenerator json, String name, long value) throws IOException {
        if (value < 0) {
            json.writeNullField(name);
        } else {
            json.writeNumberField(name, value);
        }
    }
}
