package io.wmon.core.event;

import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;

/** What an event reports; written lower-case on the wire ({@code state}, {@code pool_exhausted}, ...). */
public enum EventType {
    /** A worker's agent started and its first heartbeat reached Redis. */
    UP,
    /** A worker changed state ({@code from} → {@code to}), possibly several times within one flush window. */
    STATE,
    /** A worker left: its agent stopped cleanly, or a reader found its record expired. */
    DOWN,
    /** A reader found a worker whose last beat is older than its stale-after. */
    STALE,
    /** A worker's circuit breaker in front of Redis opened or closed ({@code from}/{@code to}: breaker states). */
    BREAKER,
    /** A worker's shared pool refused borrows because every connection was in use. */
    POOL_EXHAUSTED,
    /** A worker's connection-leak alarm was raised ({@code clear → raised}) or cleared ({@code raised → clear}). */
    LEAK;

    /** The accepted wire forms, for messages: {@code up, state, down, …}. */
    public static final String FORMS = forms();

    /** The wire form, e.g. {@code "pool_exhausted"}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the wire form; case-sensitive, as writers always use lower case.
     *
     * @return the type, or empty when {@code text} is null or not a known type
     */
    public static Optional<EventType> fromWire(String text) {
        for (EventType type : values()) {
            if (type.wire().equals(text)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    private static String forms() {
        StringJoiner all = new StringJoiner(", ");
        for (EventType type : values()) {
            all.add(type.wire());
        }
        return all.toString();
    }
}
