package io.wmon.core.event;

/**
 * What a follower of the stream found after a reconnect ({@link StreamCursor#resume}): the same
 * stream, the same stream with unread entries trimmed away, or another stream.
 */
public final class Resumption {

    /** What the reconnect found. */
    public enum Kind {
        /** The stream the cursor was reading, nothing lost: reading goes on after the cursor. */
        CONTINUOUS,
        /** The same stream, but entries the cursor had not read yet were trimmed: {@link #missed()} says how many. */
        TRIMMED,
        /** The stream key is gone (Redis restarted without its data, or someone deleted it). */
        STREAM_GONE,
        /** The stream's newest id is older than the cursor: Redis came back with an older copy, or a new stream. */
        OLDER_STREAM,
        /** Fewer entries were ever added to the stream than the cursor had counted: a new stream. */
        OTHER_STREAM
    }

    static final Resumption CONTINUOUS = new Resumption(Kind.CONTINUOUS, 0, null, null);

    private final Kind kind;
    private final long missed;
    private final StreamState state;
    private final EventId lastSeen;

    private Resumption(Kind kind, long missed, StreamState state, EventId lastSeen) {
        this.kind = kind;
        this.missed = missed;
        this.state = state;
        this.lastSeen = lastSeen;
    }

    static Resumption trimmed(long missed) {
        return new Resumption(Kind.TRIMMED, missed, null, null);
    }

    static Resumption lost(Kind kind, StreamState state) {
        return new Resumption(kind, 0, state, null);
    }

    Resumption after(EventId seen) {
        return new Resumption(kind, missed, state, seen);
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the stream found is not the one the cursor was reading; the cursor now reads the new one from its start. */
    public boolean isLost() {
        return kind == Kind.STREAM_GONE || kind == Kind.OLDER_STREAM || kind == Kind.OTHER_STREAM;
    }

    /** Entries trimmed before they were read ({@link Kind#TRIMMED}); 0 otherwise. */
    public long missed() {
        return missed;
    }

    /** The stream found, for a lost stream; null otherwise. */
    public StreamState state() {
        return state;
    }

    /** The id the cursor had read up to, for {@link Kind#OLDER_STREAM} and {@link Kind#OTHER_STREAM}; null otherwise. */
    public EventId lastSeen() {
        return lastSeen;
    }

    @Override
    public String toString() {
        return kind + (kind == Kind.TRIMMED ? " (" + missed + " missed)" : "");
    }
}
