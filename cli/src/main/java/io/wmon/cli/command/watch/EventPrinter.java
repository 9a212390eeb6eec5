package io.wmon.cli.command.watch;

import io.wmon.core.event.DecodedEvent;
import java.io.PrintWriter;

/** How {@code watch} prints an event on stdout: a JSON object a line, or a readable line. */
interface EventPrinter {

    /** Prints one valid entry; the caller flushes once per batch. */
    void print(DecodedEvent entry);

    static EventPrinter forOutput(PrintWriter out, boolean json, boolean colour) {
        return json ? new JsonEventPrinter(out) : new TextEventPrinter(out, colour);
    }
}
