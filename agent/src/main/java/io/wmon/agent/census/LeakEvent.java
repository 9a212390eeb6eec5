package io.wmon.agent.census;

/**
 * The leak alarm going up or down, with the census that made it: what a {@link LeakListener} is told.
 * Immutable.
 */
public final class LeakEvent {

    private final boolean raised;
    private final SocketCount sockets;
    private final int threshold;
    private final String reason;
    private final long atMillis;

    LeakEvent(boolean raised, SocketCount sockets, int threshold, String reason, long atMillis) {
        this.raised = raised;
        this.sockets = sockets;
        this.threshold = threshold;
        this.reason = reason;
        this.atMillis = atMillis;
    }

    /** True when the alarm was raised, false when it cleared. */
    public boolean raised() {
        return raised;
    }

    /** The census that raised or cleared it. */
    public SocketCount sockets() {
        return sockets;
    }

    /** The {@code leakThreshold} in effect. */
    public int threshold() {
        return threshold;
    }

    /**
     * Why, one line: {@code 40 Redis sockets, more than leakThreshold 32}, {@code Redis sockets rose at
     * each of the last 5 censuses, from 3 to 23}, {@code back to 3 Redis sockets}.
     */
    public String reason() {
        return reason;
    }

    /** When, epoch milliseconds. */
    public long atMillis() {
        return atMillis;
    }

    @Override
    public String toString() {
        return (raised ? "raised: " : "cleared: ") + reason;
    }
}
