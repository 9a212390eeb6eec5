package io.wmon.agent.runtime;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The longest text the agent publishes in each field, and the count of values it had to cut.
 *
 * <p>The agent writes what the application and the environment give it into every reader's
 * terminal and into Redis; a 1 MB job id would make every heartbeat and every {@code wmon status}
 * line a megabyte. A value over its limit keeps its first {@code limit - 1} characters plus
 * {@code …}, never half a surrogate pair, and is counted ({@code TruncatedValueCount}).
 */
final class TextLimits {

    /** Longest job id published, characters. */
    static final int JOB = 256;
    /** Longest host name published, characters (a DNS name has at most 253). */
    static final int HOST = 255;
    /** Longest Java version published, characters. */
    static final int JAVA_VERSION = 64;

    private static final char ELLIPSIS = '\u2026';

    private final AtomicLong cuts = new AtomicLong();

    /** {@code value} (null stays null) cut to {@code limit} characters, counting the cut. */
    String cut(String value, int limit) {
        if (value == null || value.length() <= limit) {
            return value;
        }
        cuts.incrementAndGet();
        int end = limit - 1;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + ELLIPSIS;
    }

    /** Values cut since the agent started. */
    long cutCount() {
        return cuts.get();
    }
}
