package io.wmon.core.event;

/**
 * A stream entry id, {@code <ms>-<seq>}: the milliseconds of the server's clock when the entry was
 * added and a sequence number within that millisecond. Ordered as Redis orders them. Immutable.
 */
public final class EventId implements Comparable<EventId> {

    /** {@code 0-0}: before every entry; reading after it reads the stream from its start. */
    public static final EventId ZERO = new EventId(0, 0);
    /** The accepted forms of {@link #parse}, for messages. */
    public static final String FORM = "<ms>-<seq> or <ms>, e.g. 1700000000000-0";

    private final long millis;
    private final long sequence;

    private EventId(long millis, long sequence) {
        this.millis = millis;
        this.sequence = sequence;
    }

    /** The id {@code millis-sequence}; both must be {@code >= 0}. */
    public static EventId of(long millis, long sequence) {
        if (millis < 0 || sequence < 0) {
            throw new IllegalArgumentException("a stream id has no negative part: " + millis + "-" + sequence);
        }
        return new EventId(millis, sequence);
    }

    /**
     * Parses {@code <ms>-<seq>}, or {@code <ms>} alone (meaning {@code <ms>-0}), decimal digits only.
     *
     * @throws IllegalArgumentException naming the accepted form, when {@code text} is neither
     */
    public static EventId parse(String text) {
        if (text != null) {
            int dash = text.indexOf('-');
            String ms = dash < 0 ? text : text.substring(0, dash);
            String seq = dash < 0 ? "0" : text.substring(dash + 1);
            long millis = decimal(ms);
            long sequence = decimal(seq);
            if (millis >= 0 && sequence >= 0) {
                return new EventId(millis, sequence);
            }
        }
        throw new IllegalArgumentException("'" + shown(text) + "' is not a stream id: use " + FORM);
    }

    /** The value of 1..19 decimal digits that fits a long, else -1; never throws. */
    static long decimal(String digits) {
        if (digits.isEmpty() || digits.length() > 19) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
            if (value < 0) {
                return -1;
            }
        }
        return value;
    }

    private static String shown(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    /** Milliseconds of the server's clock when the entry was added. */
    public long millis() {
        return millis;
    }

    public long sequence() {
        return sequence;
    }

    public boolean isAfter(EventId other) {
        return compareTo(other) > 0;
    }

    public boolean isBefore(EventId other) {
        return compareTo(other) < 0;
    }

    @Override
    public int compareTo(EventId o) {
        int byMillis = Long.compare(millis, o.millis);
        return byMillis != 0 ? byMillis : Long.compare(sequence, o.sequence);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventId && ((EventId) o).millis == millis && ((EventId) o).sequence == sequence;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(millis) * 31 + Long.hashCode(sequence);
    }

    /** {@code <ms>-<seq>}, the form Redis prints and accepts. */
    @Override
    public String toString() {
        return millis + "-" + sequence;
    }
}
