package io.wmon.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

/**
 * What the agent's circuit breaker allows while Redis keeps failing: {@value #FAILURE_THRESHOLD}
 * attempts open it; after that one trial per delay, the delay starting at the heartbeat interval and
 * doubling per failed trial up to 60 s. Written out here rather than read from the code under test,
 * so that a change to the schedule fails these tests.
 */
final class BreakerSchedule {

    /** Failed calls that open a closed breaker (3 of the last 5). */
    static final int FAILURE_THRESHOLD = 3;
    /** The agent's longest breaker delay. */
    static final Duration MAX_DELAY = Duration.ofSeconds(60);

    private BreakerSchedule() {
    }

    /** The delay after the {@code k}-th opening in a row (0 for the first): interval × 2^k, at most 60 s. */
    static long delayMillis(Duration interval, int k) {
        long delay = interval.toMillis();
        for (int i = 0; i < k && delay < MAX_DELAY.toMillis(); i++) {
            delay *= 2;
        }
        return Math.min(delay, MAX_DELAY.toMillis());
    }

    /**
     * Checks that once the breaker opened, every further attempt came at least one breaker delay
     * after the one before.
     *
     * @param attemptMillis when each connection attempt was seen, in order, epoch ms
     * @param firstTrial the index of the first attempt after the breaker opened: {@value #FAILURE_THRESHOLD}
     *     when each failed call cost one attempt, one more when the first also replaced a connection the
     *     server had closed (the pool opens a replacement for a broken connection, then the call retries)
     * @param toleranceMillis how early an attempt may appear through the precision of the observation
     */
    static void assertAtMostOnePerDelay(List<Long> attemptMillis, int firstTrial, Duration interval,
            long toleranceMillis) {
        for (int i = firstTrial; i < attemptMillis.size(); i++) {
            long gap = attemptMillis.get(i) - attemptMillis.get(i - 1);
            long delay = delayMillis(interval, i - firstTrial);
            assertThat(gap).as("ms between attempts %d and %d, after the breaker opened (its delay then: %d ms); all: %s",
                    i, i + 1, delay, attemptMillis).isGreaterThanOrEqualTo(delay - toleranceMillis);
        }
    }

    /** Attempts per minute over {@code windowMillis}. */
    static double perMinute(int attempts, long windowMillis) {
        return attempts * 60_000.0 / windowMillis;
    }
}
