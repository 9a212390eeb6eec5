package io.wmon.agent.runtime;

/**
 * What the heartbeat has done so far: counts, the last beat and its round trip, and whether Redis
 * answered last time, held as one immutable {@link Totals} that each beat replaces.
 *
 * <p>Written only by the heartbeat thread; read without locks by the snapshot publisher, which
 * thereby never sees a beat counted whose time is not yet set.
 */
final class HeartbeatStats {

    private volatile Totals current = new Totals(0, 0, -1, -1, false);

    void succeeded(long beatMillis, long roundTripMicros) {
        Totals t = current;
        current = new Totals(t.beats + 1, t.failures, beatMillis, roundTripMicros, true);
    }

    void failed() {
        Totals t = current;
        current = new Totals(t.beats, t.failures + 1, t.lastBeatMillis, t.lastRoundTripMicros, false);
    }

    /** All the figures at one moment. */
    Totals totals() {
        return current;
    }

    /** Duration of the last successful heartbeat round trip, µs, or -1. */
    long lastRoundTripMicros() {
        return current.lastRoundTripMicros;
    }

    /** The heartbeat's figures at one moment; immutable. */
    static final class Totals {
        final long beats;
        final long failures;
        /** Epoch ms of the last beat Redis accepted, or -1. */
        final long lastBeatMillis;
        /** Duration of the last successful beat's write pipeline, µs, or -1. */
        final long lastRoundTripMicros;
        final boolean redisAvailable;

        private Totals(long beats, long failures, long lastBeatMillis, long lastRoundTripMicros,
                boolean redisAvailable) {
            this.beats = beats;
            this.failures = failures;
            this.lastBeatMillis = lastBeatMillis;
            this.lastRoundTripMicros = lastRoundTripMicros;
            this.redisAvailable = redisAvailable;
        }
    }
}
