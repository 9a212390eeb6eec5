package io.wmon.core.record;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Reads the fields of one record hash, turning every unreadable value into a one-line problem
 * and a neutral value (unknown, empty, false) instead of an exception.
 */
final class RecordFieldParser {

    /** How much of a bad value a message shows; a hash value can be megabytes long. */
    private static final int QUOTE_LIMIT = 40;
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]{1,3})?");
    private static final char REPLACEMENT = '\uFFFD';

    private final Map<String, String> hash;
    private final List<String> problems = new ArrayList<>();

    RecordFieldParser(Map<String, String> hash) {
        this.hash = hash;
    }

    List<String> problems() {
        return Collections.unmodifiableList(problems);
    }

    void problem(String line) {
        problems.add(line);
    }

    /** The raw value, or null when the field is absent. */
    String raw(RecordField field) {
        return hash.get(field.wire());
    }

    /** A non-negative number; absent or empty is unknown. */
    long count(RecordField field) {
        String text = raw(field);
        if (text == null || text.isEmpty()) {
            return WorkerRecord.UNKNOWN;
        }
        OptionalLong value = parseCount(text);
        if (value.isEmpty()) {
            problems.add(field.wire() + ": " + notACount(text));
            return WorkerRecord.UNKNOWN;
        }
        return value.getAsLong();
    }

    /** A text; absent is empty. Text that was not UTF-8 is kept (with U+FFFD) but reported. */
    String text(RecordField field) {
        String text = raw(field);
        if (text == null) {
            return "";
        }
        if (text.indexOf(REPLACEMENT) >= 0) {
            problems.add(field.wire() + ": contains bytes that are not UTF-8 (shown as U+FFFD)");
        }
        return text;
    }

    /** {@code 1} is true; absent, empty and {@code 0} are false. */
    boolean flag(RecordField field) {
        String text = raw(field);
        if (text == null || text.isEmpty() || text.equals("0")) {
            return false;
        }
        if (!text.equals("1")) {
            problems.add(field.wire() + ": " + quote(text) + " is neither 1 nor 0, read as 0");
            return false;
        }
        return true;
    }

    /** A load in 0..1; absent or empty is unknown. */
    double load(RecordField field) {
        String text = raw(field);
        if (text == null || text.isEmpty()) {
            return WorkerRecord.UNKNOWN;
        }
        if (text.length() <= 64 && DECIMAL.matcher(text).matches()) {
            double value = Double.parseDouble(text);
            if (value >= 0.0 && value <= 1.0) {
                return value;
            }
        }
        problems.add(field.wire() + ": " + quote(text) + " is not a decimal number in 0..1");
        return WorkerRecord.UNKNOWN;
    }

    BreakerState breaker() {
        String text = raw(RecordField.BREAKER);
        if (text == null) {
            return BreakerState.UNKNOWN;
        }
        return BreakerState.fromWire(text).orElseGet(() -> {
            problems.add("breaker: " + quote(text) + " is not one of CLOSED|OPEN|HALF_OPEN");
            return BreakerState.UNKNOWN;
        });
    }

    /** Comma-separated ports in 1..65535; bad entries are left out, the list is capped. */
    List<Integer> ports() {
        String text = raw(RecordField.LOCAL_PORTS);
        List<Integer> ports = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return ports;
        }
        for (String part : text.split(",", -1)) {
            OptionalLong port = parseCount(part);
            if (port.isEmpty() || port.getAsLong() < 1 || port.getAsLong() > 65535) {
                problems.add("local_ports: " + quote(part) + " is not a port in 1..65535, left out");
            } else if (ports.size() == WorkerRecord.MAX_LOCAL_PORTS) {
                problems.add("local_ports: more than " + WorkerRecord.MAX_LOCAL_PORTS + ", the rest left out");
                break;
            } else {
                ports.add((int) port.getAsLong());
            }
        }
        return ports;
    }

    /** Strict decimal digits only: no sign, no spaces, no hex, at most {@link Long#MAX_VALUE}. */
    static OptionalLong parseCount(String text) {
        if (text.isEmpty() || text.length() > 19) {
            return OptionalLong.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
        }
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException tooBig) {
            return OptionalLong.empty();
        }
    }

    static String notACount(String text) {
        return quote(text) + " is not a whole number in 0.." + Long.MAX_VALUE;
    }

    /** A bad value for a one-line message: quoted, shortened, control characters made visible. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("'");
        int shown = Math.min(text.length(), QUOTE_LIMIT);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        if (text.length() > shown) {
            out.append("...(").append(text.length()).append(" chars)");
        }
        return out.append('\'').toString();
    }
}
