package io.wmon.core.event;

/**
 * Where a follower of the stream stands: the id of the last entry it read, and that entry's
 * ordinal among all entries ever added to the stream (Redis 7's {@code entries-added}), so that
 * after a reconnect it can tell whether the stream it finds is the one it was reading.
 *
 * <p>{@link #resume} compares the cursor with a fresh {@link StreamState}: a stream that is gone, whose
 * newest id is older than the cursor, or that has had fewer entries added than the cursor has counted, is
 * not the stream the cursor was reading (Redis restarted without its data, or with an older copy): the
 * cursor moves to the new stream's start. Otherwise it stays, and when entries it had not read yet
 * were trimmed meanwhile, it says how many. The ordinal is counted from the reads, so it is known
 * only when the cursor started at the stream's start or end and the server reports
 * {@code entries-added}; an unknown ordinal skips the checks that need it. Not thread-safe: one
 * follower owns it.
 */
public final class StreamCursor {

    /** {@link #ordinal()} when it is not known. */
    public static final long UNKNOWN = -1;

    private EventId position;
    private long ordinal;

    private StreamCursor(EventId position, long ordinal) {
        this.position = position;
        this.ordinal = ordinal;
    }

    /** After the newest entry of {@code state}: only what is added from now on will be read. */
    public static StreamCursor atEnd(StreamState state) {
        return state.exists() ? new StreamCursor(state.lastGeneratedId(), state.entriesAdded())
                : new StreamCursor(EventId.ZERO, 0);
    }

    /** Before the oldest entry of {@code state}: every entry still in the stream will be read. */
    public static StreamCursor atStart(StreamState state) {
        return state.exists() ? new StreamCursor(EventId.ZERO, state.entriesRemoved())
                : new StreamCursor(EventId.ZERO, 0);
    }

    /** After {@code id}, whose ordinal is unknown. */
    public static StreamCursor after(EventId id) {
        return new StreamCursor(id, UNKNOWN);
    }

    /** The id the next read continues after. */
    public EventId position() {
        return position;
    }

    /** How many entries had been added to the stream up to and including {@link #position()}, or {@link #UNKNOWN}. */
    public long ordinal() {
        return ordinal;
    }

    /** Moves past the entries of {@code batch}, which were read right after {@link #position()}. */
    public void advance(EventBatch batch) {
        if (batch.isEmpty()) {
            return;
        }
        position = batch.lastId();
        if (ordinal != UNKNOWN) {
            ordinal += batch.size();
        }
    }

    /**
     * Checks {@code state}, read after a reconnect, against this cursor and moves the cursor to the
     * new stream's start when the stream was lost.
     */
    public Resumption resume(StreamState state) {
        if (!state.exists()) {
            if (position.equals(EventId.ZERO) && ordinal <= 0) {
                return Resumption.CONTINUOUS; // nothing read, nothing to lose: the stream is yet to be written
            }
            reset(state);
            return Resumption.lost(Resumption.Kind.STREAM_GONE, state);
        }
        if (state.lastGeneratedId().isBefore(position)) {
            EventId seen = position;
            reset(state);
            return Resumption.lost(Resumption.Kind.OLDER_STREAM, state).after(seen);
        }
        if (ordinal != UNKNOWN && state.entriesAdded() != StreamState.UNKNOWN && state.entriesAdded() < ordinal) {
            EventId seen = position;
            reset(state);
            return Resumption.lost(Resumption.Kind.OTHER_STREAM, state).after(seen);
        }
        if (ordinal != UNKNOWN && state.entriesRemoved() != StreamState.UNKNOWN) {
            long missed = state.entriesRemoved() - ordinal;
            if (missed > 0) {
                // The entries after the position that were trimmed were never read; skip past them.
                ordinal += missed;
                return Resumption.trimmed(missed);
            }
        }
        return Resumption.CONTINUOUS;
    }

    private void reset(StreamState state) {
        StreamCursor start = atStart(state);
        position = start.position;
        ordinal = start.ordinal;
    }

    @Override
    public String toString() {
        return "after " + position + (ordinal == UNKNOWN ? "" : " (#" + ordinal + ")");
    }
}
