package io.wmon.core.record;

import java.util.Locale;
import java.util.Optional;

/** What a worker says it is doing; written lower-case on the wire ({@code busy}, {@code idle}, ...). */
public enum WorkerState {
    STARTING, IDLE, BUSY, PAUSED, STOPPING, STOPPED;

    /** {@code values()} without its copy per call: one parse per worker of a read. */
    private static final WorkerState[] ALL = values();

    /** Made once: a fleet read parses and prints one state per worker. */
    private final String wire = name().toLowerCase(Locale.ROOT);

    /** The wire form, e.g. {@code "busy"}. */
    public String wire() {
        return wire;
    }

    /**
     * Parses the wire form; case-sensitive because writers always use lower case and a reader
     * that accepted {@code BUSY} would hide a writer bug.
     *
     * @return the state, or empty when {@code text} is null or not a v1 state
     */
    public static Optional<WorkerState> fromWire(String text) {
        for (WorkerState state : ALL) {
            if (state.wire().equals(text)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
