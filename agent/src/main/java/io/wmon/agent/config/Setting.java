package io.wmon.agent.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Set;

/**
 * One effective key-value pair, with where it came from; converts its value or explains, in one
 * line, why it cannot.
 */
final class Setting {

    private final OptionKey key;
    private final String value;
    private final Origin origin;

    Setting(OptionKey key, String value, Origin origin) {
        this.key = key;
        this.value = value;
        this.origin = origin;
    }

    OptionKey key() {
        return key;
    }

    /** The value as given, trimmed; never empty. */
    String value() {
        return value;
    }

    Origin origin() {
        return origin;
    }

    /** An error of the form {@code key='value' <problem>; use <form>}, plus the origin. */
    AgentConfigException invalid(String problem, String form) {
        return new AgentConfigException(key.key() + "=" + ShownValue.quoted(key, value) + " " + problem
                + "; use " + form + origin.suffix());
    }

    /** The value as a whole decimal number in {@code min..max}. */
    int integer(int min, int max) {
        String form = "a number in " + min + ".." + max;
        if (!value.matches("[0-9]+")) {
            throw invalid("is not a whole number", form);
        }
        long n = value.length() > 10 ? Long.MAX_VALUE : Long.parseLong(value);
        if (n < min || n > max) {
            throw invalid("is out of range", form);
        }
        return (int) n;
    }

    /** The value {@code true} or {@code false}, exactly. */
    boolean bool() {
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw invalid("is not a boolean", "true or false");
    }

    /** The value as a duration in {@code min..max}; see {@link DurationValue}. */
    Duration duration(Duration min, Duration max) {
        Duration d = DurationValue.parse(value);
        if (d == null) {
            throw invalid(DurationValue.lacksUnit(value) ? "has no unit" : "is not a duration", DurationValue.FORM);
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw invalid("is out of range", "a duration in " + DurationValue.format(min) + ".."
                    + DurationValue.format(max));
        }
        return d;
    }

    /** The value {@code start} or {@code stop}. */
    Mode mode() {
        Mode mode = Mode.fromOptionValue(value);
        if (mode == null) {
            throw invalid("is not a mode", Mode.START.optionValue() + " or " + Mode.STOP.optionValue());
        }
        return mode;
    }

    /** The value as a {@link PortList}. */
    Set<Integer> ports() {
        try {
            return PortList.parse(value);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage(), PortList.FORM);
        }
    }

    /** The value as a file system path, relative ones resolved against the working directory. */
    Path path() {
        try {
            return Paths.get(value);
        } catch (InvalidPathException e) {
            throw invalid("is not a valid path", "the path of a readable file");
        }
    }
}
