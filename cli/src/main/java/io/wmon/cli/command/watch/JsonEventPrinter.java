package io.wmon.cli.command.watch;

import io.wmon.cli.shell.JsonOutput;
import io.wmon.core.event.DecodedEvent;
import io.wmon.core.event.FleetEvent;
import java.io.PrintWriter;

/**
 * {@code watch --json}: one compact object a line, {@code {"id", "type", "worker", "from", "to",
 * "ts", "detail"}}: the contract's fields, whole (never cut, escaped only as JSON escapes), plus
 * the entry's stream id, which {@code --since} accepts to resume after it.
 */
final class JsonEventPrinter implements EventPrinter {

    private final PrintWriter out;

    JsonEventPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void print(DecodedEvent entry) {
        FleetEvent event = entry.event();
        JsonOutput.writeLine(out, json -> {
            json.writeStartObject();
            json.writeStringField("id", entry.id().toString());
            json.writeStringField("type", event.type().wire());
            json.writeStringField("worker", event.worker());
            json.writeStringField("from", event.from());
            json.writeStringField("to", event.to());
            json.writeNumberField("ts", event.tsMillis());
            json.writeStringField("detail", event.detail());
            json.writeEndObject();
        });
    }
}
