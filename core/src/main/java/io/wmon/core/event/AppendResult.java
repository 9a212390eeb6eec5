package io.wmon.core.event;

import java.util.List;

/** What Redis answered to a batch of appends: the ids it gave, the events it refused, those left unconfirmed. */
public final class AppendResult {

    /** The result of appending nothing. */
    public static final AppendResult NOTHING = new AppendResult(0, List.of(), List.of(), 0, null);

    private final int writtenCount;
    private final List<EventId> ids;
    private final List<FleetEvent> unconfirmed;
    private final int refusedCount;
    private final String refusal;

    AppendResult(int writtenCount, List<EventId> ids, List<FleetEvent> unconfirmed, int refusedCount, String refusal) {
        this.writtenCount = writtenCount;
        this.ids = List.copyOf(ids);
        this.unconfirmed = List.copyOf(unconfirmed);
        this.refusedCount = refusedCount;
        this.refusal = refusal;
    }

    /** Events Redis added to the stream. */
    public int writtenCount() {
        return writtenCount;
    }

    /** The ids of the entries written, in the order of the events (an id the client cannot parse is left out). */
    public List<EventId> ids() {
        return ids;
    }

    /** Events whose reply never came; they may or may not be in the stream. */
    public List<FleetEvent> unconfirmed() {
        return unconfirmed;
    }

    /** Events Redis answered with an error (an ACL's {@code NOPERM}, a key of another type); they are not in the stream. */
    public int refusedCount() {
        return refusedCount;
    }

    /** The first error Redis answered, e.g. {@code NOPERM … 'xadd' command}; null when none. */
    public String refusal() {
        return refusal;
    }

    @Override
    public String toString() {
        return writtenCount + " written, " + refusedCount + " refused, " + unconfirmed.size() + " unconfirmed"
                + (refusal == null ? "" : " (" + refusal + ")");
    }
}
