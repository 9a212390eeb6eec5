package io.wmon.cli.text;

import io.wmon.core.record.WorkerRecord;

/** Short, fixed-vocabulary forms of the numbers a table shows: ages, round trips, counts. */
public final class Units {

    /** What a table shows for {@link WorkerRecord#UNKNOWN}. */
    public static final String UNKNOWN = "-";

    private Units() {
    }

    /** An age in ms as {@code 0.4s}, {@code 42s}, {@code 5m03s}, {@code 2h05m} or {@code 3d04h}. */
    public static String age(long millis) {
        if (millis < 0) {
            return UNKNOWN;
        }
        long seconds = millis / 1000;
        if (millis < 10_000) {
            return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(java.util.Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        if (seconds < 86_400) {
            return String.format(java.util.Locale.ROOT, "%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
        }
        return String.format(java.util.Locale.ROOT, "%dd%02dh", seconds / 86_400, (seconds % 86_400) / 3600);
    }

    /** A round trip in µs as {@code 350us} below 10 ms, else {@code 12ms}; ASCII so any terminal shows it. */
    public static String micros(long micros) {
        if (micros < 0) {
            return UNKNOWN;
        }
        return micros < 10_000 ? micros + "us" : micros / 1000 + "ms";
    }

    /** A count, or {@link #UNKNOWN}. */
    public static String count(long value) {
        return value < 0 ? UNKNOWN : Long.toString(value);
    }
}
