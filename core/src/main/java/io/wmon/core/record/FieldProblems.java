package io.wmon.core.record;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What went wrong while decoding one record hash: one line per field that could not be read
 * (that field is then unknown), or the reason the whole record is invalid when a required field
 * is missing or unreadable.
 *
 * <p>As a {@code Consumer<String>} it takes lines already prefixed with the field name, as
 * {@link LabelsCodec} reports them.
 */
final class FieldProblems implements Consumer<String> {

    /** How much of a bad value a message shows; a hash value can be megabytes long. */
    private static final int QUOTE_LIMIT = 40;

    private List<String> lines = List.of(); // replaced on the first problem: most records have none
    private String invalidReason;

    /** A value that was kept, or partly kept, despite {@code why}; never makes the record invalid. */
    void add(RecordField field, String why) {
        accept(field.wire() + ": " + why);
    }

    /**
     * A value that could not be read, e.g. {@code why} = {@code "'x' is not ..."}: the field is
     * unknown, or the record is invalid when the field is required (the first reason counts).
     */
    void unreadable(RecordField field, String why) {
        if (!field.isRequired()) {
            add(field, why);
        } else if (invalidReason == null) {
            invalidReason = field.requiredAs() + " " + why;
        }
    }

    /** A required field that is absent or empty. */
    void missing(RecordField field) {
        if (invalidReason == null) {
            invalidReason = "no " + field.requiredAs() + " (field " + field.wire() + ")";
        }
    }

    @Override
    public void accept(String line) {
        if (lines.isEmpty()) {
            lines = new ArrayList<>();
        }
        lines.add(line);
    }

    boolean isInvalid() {
        return invalidReason != null;
    }

    /** One line, e.g. {@code "no beat (field beat)"}; null while the record is valid. */
    String invalidReason() {
        return invalidReason;
    }

    /** The problem lines, in field order. */
    List<String> lines() {
        return lines;
    }

    /**
     * Control characters, line and paragraph separators (U+2028, U+2029: a line break to many
     * terminals and log viewers) and invisible format characters (U+200E, U+FEFF); found by
     * {@code WorkerRecordCodecFuzzTest}.
     */
    private static boolean isInvisible(char c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.FORMAT;
    }

    /** A bad value for a one-line message: quoted, shortened, control characters made visible. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("'");
        int shown = Math.min(text.length(), QUOTE_LIMIT);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            out.append(isInvisible(c) ? '?' : c);
        }
        if (text.length() > shown) {
            out.append("...(").append(text.length()).append(" chars)");
        }
        return out.append('\'').toString();
    }
}
