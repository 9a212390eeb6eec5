package io.wmon.agent.runtime;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the heartbeat has done so far: counts, the last beat and its round trip, and whether Redis
 * answered last time. Written by the heartbeat thread, read by MBean getters without locks.
 */
final class HeartbeatStats {

    private final AtomicLong beats = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile long lastBeatMillis = -1;
    private volatile long lastRoundTripMicros = -1;
    private volatile boolean redisAvailable;

    void succeeded(long beatMillis, long roundTripMicros) {
        beats.incrementAndGet();
        lastBeatMillis = beatMillis;
        lastRoundTripMicros = roundTripMicros;
        redisAvailable = true;
    }

    /** Returns whether this is the first failure since the last success (the one worth logging). */
    boolean failed() {
        failures.incrementAndGet();
        boolean first = redisAvailable || beats.get() == 0 && failures.get() == 1;
        redisAvailable = false;
        return first;
    }

    long beatCount() {
        return beats.get();
    }

    long failureCount() {
        return failures.get();
    }

    /** Epoch ms of the last beat Redis accepted, or -1. */
    long lastBeatMillis() {
        return lastBeatMillis;
    }

    /** Duration of the last successful heartbeat round trip, µs, or -1. */
    long lastRoundTripMicros() {
        return lastRoundTripMicros;
    }

    boolean redisAvailable() {
        return redisAvailable;
    }
}
