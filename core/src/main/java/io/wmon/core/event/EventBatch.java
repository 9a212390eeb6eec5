package io.wmon.core.event;

import java.util.ArrayList;
import java.util.List;

/**
 * The entries one read returned, in stream order, each decoded: valid events and invalid entries
 * alike, so that a reader can skip and count the latter. {@link #lastId()} is where the next read
 * continues.
 */
public final class EventBatch {

    private final List<DecodedEvent> entries;
    private final EventId lastId;

    EventBatch(List<DecodedEvent> entries, EventId after) {
        this.entries = List.copyOf(entries);
        this.lastId = entries.isEmpty() ? after : entries.get(entries.size() - 1).id();
    }

    /** Every entry read, valid or not, oldest first. */
    public List<DecodedEvent> entries() {
        return entries;
    }

    /** The valid entries, oldest first. */
    public List<DecodedEvent> valid() {
        List<DecodedEvent> valid = new ArrayList<>(entries.size());
        for (DecodedEvent entry : entries) {
            if (entry.isValid()) {
                valid.add(entry);
            }
        }
        return valid;
    }

    /** Entries that could not be decoded into an event. */
    public int invalidCount() {
        int invalid = 0;
        for (DecodedEvent entry : entries) {
            if (!entry.isValid()) {
                invalid++;
            }
        }
        return invalid;
    }

    /** How many entries were read. */
    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The id of the last entry read; the id read after when nothing came. */
    public EventId lastId() {
        return lastId;
    }
}
