package io.wmon.agent.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as written in options: a whole number and a unit, {@code ms}, {@code s}, {@code m}
 * or {@code h} (e.g. {@code 500ms}, {@code 5s}, {@code 2m}).
 *
 * <p>A number without a unit is refused rather than read as seconds: {@code interval=500} meant
 * as milliseconds would otherwise quietly become a heartbeat every 8 minutes.
 */
final class DurationValue {

    /** The accepted form, as shown in error messages. */
    static final String FORM = "e.g. 500ms, 5s, 2m";

    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m|h)");

    private DurationValue() {
    }

    /** The duration {@code text} denotes, or {@code null} when it is not one. */
    static Duration parse(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            return null;
        }
        long amount = Long.parseLong(m.group(1));
        switch (m.group(2)) {
            case "ms":
                return Duration.ofMillis(amount);
            case "s":
                return Duration.ofSeconds(amount);
            case "m":
                return Duration.ofMinutes(amount);
            default:
                return Duration.ofHours(amount);
        }
    }

    /** Whether {@code text} is a bare number, the mistake worth a message of its own. */
    static boolean lacksUnit(String text) {
        return text.matches("[0-9]+");
    }

    /** {@code d} in the largest unit that expresses it exactly, e.g. {@code 90s}, {@code 2m}, {@code 1500ms}. */
    static String format(Duration d) {
        long millis = d.toMillis();
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
