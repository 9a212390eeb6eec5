package io.wmon.agent.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the agent logs about beats that fail: one line when an outage starts, naming its cause,
 * one when it ends, with its length and the beats missed, and in between at most one summary a
 * minute. A host application's log is not the place for one line per beat.
 *
 * <p>Used only by the heartbeat thread.
 */
final class OutageLog {

    /** Least time between two "still failing" summaries, ms. */
    static final long SUMMARY_EVERY_MILLIS = 60_000;

    private static final Logger LOG = LoggerFactory.getLogger(OutageLog.class);

    private final String endpoint;
    private long startedAtMillis = -1;
    private long lastLineMillis;
    private long missed;

    /** @param redactedEndpoint the endpoint as the lines name it, password redacted */
    OutageLog(String redactedEndpoint) {
        this.endpoint = redactedEndpoint;
    }

    /** A beat failed; {@code cause} is one line without a password (a {@code RedisUnavailableException}'s message). */
    void failed(long nowMillis, String cause, long intervalMillis) {
        missed++;
        noticed(nowMillis, cause, intervalMillis);
    }

    /**
     * Another call of the agent's thread (an event write of its own) failed to reach Redis: the outage
     * starts, or goes on, without a beat missed.
     */
    void callFailed(long nowMillis, String cause, long intervalMillis) {
        noticed(nowMillis, cause, intervalMillis);
    }

    private void noticed(long nowMillis, String cause, long intervalMillis) {
        if (startedAtMillis < 0) {
            startedAtMillis = nowMillis;
            lastLineMillis = nowMillis;
            LOG.warn("wmon heartbeat failed: {}; the agent keeps trying (at most once per interval of {} ms, less"
                    + " often while the circuit breaker is open)", cause, intervalMillis);
        } else if (nowMillis - lastLineMillis >= SUMMARY_EVERY_MILLIS) {
            lastLineMillis = nowMillis;
            LOG.warn("wmon heartbeat still failing after {}: {} missed; last: {}", seconds(nowMillis - startedAtMillis),
                    beats(missed), cause);
        }
    }

    /** {@code 1 beat}, {@code 2 beats}. */
    static String beats(long count) {
        return count == 1 ? "1 beat" : count + " beats";
    }

    /** A beat reached Redis. */
    void succeeded(long nowMillis) {
        if (startedAtMillis >= 0) {
            LOG.info("wmon heartbeat restored: Redis at {} answers again after {}; {} missed", endpoint,
                    seconds(nowMillis - startedAtMillis), beats(missed));
            startedAtMillis = -1;
            missed = 0;
        }
    }

    /** Whether beats are failing now. */
    boolean inOutage() {
        return startedAtMillis >= 0;
    }

    private static String seconds(long millis) {
        return millis < 10_000 ? String.format("%.1f s", millis / 1000.0) : (millis / 1000) + " s";
    }
}
