package io.wmon.core.event;

import java.util.List;

/**
 * One stream entry as a reader decoded it: its id and either the event (possibly with problems,
 * such as bytes that were not UTF-8) or, when the entry is unusable, a one-line reason.
 */
public final class DecodedEvent {

    private final EventId id;
    private final FleetEvent event;
    private final String invalidReason;
    private final List<String> problems;

    private DecodedEvent(EventId id, FleetEvent event, String invalidReason, List<String> problems) {
        this.id = id;
        this.event = event;
        this.invalidReason = invalidReason;
        this.problems = List.copyOf(problems);
    }

    static DecodedEvent valid(EventId id, FleetEvent event, List<String> problems) {
        return new DecodedEvent(id, event, "", problems);
    }

    static DecodedEvent invalid(EventId id, String reason) {
        return new DecodedEvent(id, null, reason, List.of());
    }

    /** The entry's id in the stream. */
    public EventId id() {
        return id;
    }

    public boolean isValid() {
        return event != null;
    }

    /** The event, or null when {@link #isValid() invalid}. */
    public FleetEvent event() {
        return event;
    }

    /** Why the entry is unusable, one line; {@code ""} when valid. */
    public String invalidReason() {
        return invalidReason;
    }

    /** What was wrong with a usable entry's fields, one line each; may be empty. */
    public List<String> problems() {
        return problems;
    }

    @Override
    public String toString() {
        return id + " " + (isValid() ? event.toString() : "invalid: " + invalidReason);
    }
}
