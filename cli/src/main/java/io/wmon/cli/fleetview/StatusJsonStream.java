package io.wmon.cli.fleetview;

import com.fasterxml.jackson.core.JsonGenerator;
import io.wmon.cli.shell.JsonOutput;
import io.wmon.core.fleet.FleetCounts;
import io.wmon.core.fleet.WorkerEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The {@code status --json} document ({@link StatusJson}) written while the read goes on: the
 * head ({@code namespace}, {@code redis}, {@code generatedAtMillis}, {@code filter}) and the
 * opening of {@code workers} at {@link #start}, each worker as it is given, then the
 * {@code summary} once the whole fleet is counted. Nothing of a worker is kept once written.
 *
 * <p>A read that fails midway ends the document with {@code "error"} instead of the summary
 * ({@link #fail}), so stdout always holds one complete JSON document. Not thread-safe: one
 * writer at a time.
 */
final class StatusJsonStream implements StatusRows {

    private final Writer out;
    private final FleetQuery query;
    private final String redis;
    private JsonGenerator json;

    /** @param redis the endpoint, already redacted */
    StatusJsonStream(Writer out, FleetQuery query, String redis) {
        this.out = out;
        this.query = query;
        this.redis = redis;
    }

    @Override
    public void start(String namespace, long generatedAtMillis) {
        json = JsonOutput.open(out);
        write(() -> {
            json.writeStartObject();
            json.writeStringField("namespace", namespace);
            json.writeStringField("redis", redis);
            json.writeNumberField("generatedAtMillis", generatedAtMillis);
            StatusJson.filter(json, query);
            json.writeArrayFieldStart("workers");
        });
    }

    @Override
    public void row(WorkerEntry entry) {
        write(() -> StatusJson.worker(json, entry));
    }

    /** Hands what is written so far on to {@code out}'s destination, so a reader of the pipe sees it. */
    @Override
    public void flush() {
        write(json::flush);
    }

    @Override
    public void finish(FleetCounts counts, int shown) {
        end(() -> StatusJson.summary(json, counts, shown));
    }

    /** Closes {@code workers} and the document with {@code "error": line} in place of the summary. */
    @Override
    public void fail(String line) {
        end(() -> json.writeStringField("error", line));
    }

    private void end(Step last) {
        write(() -> {
            json.writeEndArray();
            last.run();
            json.writeEndObject();
            json.close();
            out.write('\n');
            out.flush();
        });
    }

    private interface Step {
        void run() throws IOException;
    }

    private static void write(Step step) {
        try {
            step.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON output", e);
        }
    }
}
