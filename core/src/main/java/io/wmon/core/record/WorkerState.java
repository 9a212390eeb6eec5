package io.wmon.core.record;

import java.util.Locale;
import java.util.Optional;

/** What a worker says it is doing; written lower-case on the wire ({@code busy}, {@code idle}, ...). */
public enum WorkerState {
    STARTING, IDLE, BUSY, PAUSED, STOPPING, STOPPED;

    /** The wire form, e.g. {@code "busy"}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the wire form; case-sensitive because writers always use lower case and a reader
     * that accepted {@code BUSY} would hide a writer bug.
     *
     * @return the state, or empty when {@code text} is null or not a v1 state
     */
    public static Optional<WorkerState> fromWire(String text) {
        for (WorkerState state : values()) {
            if (state.wire().equals(text)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
