package io.wmon.cli.command.watch;

import io.wmon.cli.text.SafeText;
import io.wmon.core.event.DecodedEvent;
import io.wmon.core.event.EventBatch;
import io.wmon.core.event.EventId;
import io.wmon.core.event.Resumption;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * What {@code watch} says about the stream rather than the events, one {@code wmon: …} line each on
 * stderr (stdout keeps the events alone, also with {@code --json}): an outage when it begins and its
 * end, a stream found lost or trimmed after a reconnect, entries it skipped, and warnings.
 */
final class WatchNotices {

    /** Longest text from outside (a reason, an id) quoted in a notice, characters. */
    private static final int QUOTE_WIDTH = 300;

    private final PrintWriter err;
    private final String streamKey;

    WatchNotices(PrintWriter err, String streamKey) {
        this.err = err;
        this.streamKey = streamKey;
    }

    void outage(String reason, EventId after) {
        line("Redis unreachable: " + SafeText.escape(reason, QUOTE_WIDTH) + "; retrying, then resuming after event "
                + after);
    }

    void reconnected(long outageMillis) {
        line(String.format(Locale.ROOT, "Redis reachable again after %.1f s", outageMillis / 1000.0));
    }

    /** A step's finding about the stream; nothing for a continuous one. */
    void resumed(Resumption resumption) {
        switch (resumption.kind()) {
            case TRIMMED:
                line(resumption.missed() + " event" + (resumption.missed() == 1 ? " was" : "s were") + " trimmed from "
                        + streamKey + " before watch could read " + (resumption.missed() == 1 ? "it" : "them"));
                break;
            case STREAM_GONE:
                line("the event stream " + streamKey + " is gone (Redis restarted without its data, or it was deleted);"
                        + " following the new stream from its start");
                break;
            case OLDER_STREAM:
                line("the event stream " + streamKey + " now ends at " + resumption.state().lastGeneratedId()
                        + ", before event " + resumption.lastSeen() + " already shown (Redis came back with older"
                        + " data); following it from its start");
                break;
            case OTHER_STREAM:
                line("the event stream " + streamKey + " is not the one watch was reading (Redis restarted without"
                        + " its data); following the new stream from its start");
                break;
            default:
                break;
        }
    }

    void skipped(EventBatch batch) {
        int invalid = batch.invalidCount();
        if (invalid == 0) {
            return;
        }
        DecodedEvent first = batch.entries().stream().filter(e -> !e.isValid()).findFirst().orElseThrow();
        line("warning: skipped " + invalid + " unreadable event" + (invalid == 1 ? "" : "s") + " in " + streamKey
                + " (first " + first.id() + ": " + SafeText.escape(first.invalidReason(), QUOTE_WIDTH) + ")");
    }

    void beyond(String since, EventId last) {
        line("--since " + SafeText.escape(since, 64) + " is after every event " + streamKey + " ever held (the newest is "
                + last + "); showing the events from now on");
    }

    void warning(String text) {
        line("warning: " + SafeText.escape(text, QUOTE_WIDTH * 2));
    }

    private void line(String text) {
        err.println("wmon: " + text);
        err.flush();
    }
}
