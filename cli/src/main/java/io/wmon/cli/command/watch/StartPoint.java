package io.wmon.cli.command.watch;

import io.wmon.core.event.EventId;
import io.wmon.core.event.StreamCursor;
import io.wmon.core.event.StreamState;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Where {@code watch --since} starts: {@code now} (only what is added from now on, the default),
 * {@code start} (every event still in the stream), or after a stream id ({@code <ms>-<seq>} or
 * {@code <ms>}), e.g. the {@code id} of the last event a script saw.
 */
final class StartPoint {

    /** The accepted forms, for the help and errors. */
    static final String FORMS = "now, start, or a stream id (" + EventId.FORM + ")";

    private final String name;
    private final EventId after;

    private StartPoint(String name, EventId after) {
        this.name = name;
        this.after = after;
    }

    static final StartPoint NOW = new StartPoint("now", null);
    static final StartPoint START = new StartPoint("start", null);

    /** The cursor this start point gives on a stream in {@code state}. */
    StreamCursor cursor(StreamState state) {
        if (this == NOW) {
            return StreamCursor.atEnd(state);
        }
        if (this == START) {
            return StreamCursor.atStart(state);
        }
        return StreamCursor.after(after);
    }

    /** Whether an id was given that lies after everything the stream ever held. */
    boolean isBeyond(StreamState state) {
        return after != null && after.isAfter(state.lastGeneratedId());
    }

    @Override
    public String toString() {
        return name != null ? name : after.toString();
    }

    /** Parses {@code --since}; a bad value is a usage error naming the forms. */
    static final class Converter implements ITypeConverter<StartPoint> {
        @Override
        public StartPoint convert(String value) {
            String text = value.trim();
            if (text.equalsIgnoreCase("now")) {
                return NOW;
            }
            if (text.equalsIgnoreCase("start")) {
                return START;
            }
            try {
                return new StartPoint(null, EventId.parse(text));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + io.wmon.cli.text.SafeText.escape(value, 64) + "' is not "
                        + FORMS);
            }
        }
    }
}
