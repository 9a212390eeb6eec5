package io.wmon.core.record;

import java.util.Optional;

/**
 * The state of the agent's Redis circuit breaker as a worker reports it; written upper-case
 * ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}), like Failsafe's own state names.
 *
 * <p>{@link #UNKNOWN} stands for "not reported" and is written as an empty string.
 */
public enum BreakerState {
    CLOSED, OPEN, HALF_OPEN, UNKNOWN;

    /** {@code values()} without its copy per call: one parse per worker of a read. */
    private static final BreakerState[] ALL = values();

    /** The wire form: the constant's name, or {@code ""} for {@link #UNKNOWN}. */
    public String wire() {
        return this == UNKNOWN ? "" : name();
    }

    /**
     * Parses the wire form; {@code ""} is {@link #UNKNOWN}.
     *
     * @return the state, or empty when {@code text} is null or not a known wire form
     */
    public static Optional<BreakerState> fromWire(String text) {
        for (BreakerState state : ALL) {
            if (state.wire().equals(text)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
