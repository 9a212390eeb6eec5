package io.wmon.cli.command.jmx;

import io.wmon.cli.text.SafeText;
import java.lang.reflect.Array;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * Renders a JMX open-type value on one line for the text output: {@code CompositeData} as
 * {@code {key=value, …}}, {@code TabularData} as {@code [{…}, {…}]}, arrays as {@code [a, b]}, an
 * empty string as {@code ""} so that it stays visible. Every string is escaped ({@link SafeText}:
 * a value may come from Redis through the agent), and the line is cut at {@value #WIDTH}
 * characters as it is built, so a huge table never makes a huge line; {@code --json} has it all.
 */
final class OpenValueText {

    /** The longest value line. */
    static final int WIDTH = 4_096;

    private OpenValueText() {
    }

    static String render(Object value) {
        return render(value, WIDTH);
    }

    static String render(Object value, int width) {
        Line line = new Line(width);
        append(line, value);
        return line.text();
    }

    private static void append(Line out, Object value) {
        if (out.full()) {
            return;
        }
        if (value == null) {
            out.raw("null");
        } else if (value instanceof String && ((String) value).isEmpty()) {
            out.raw("\"\"");
        } else if (value instanceof CompositeData) {
            appendComposite(out, (CompositeData) value);
        } else if (value instanceof TabularData) {
            out.raw("[");
            String separator = "";
            for (CompositeData row : OpenValueJson.rows((TabularData) value)) {
                out.raw(separator);
                appendComposite(out, row);
                separator = ", ";
                if (out.full()) {
                    return;
                }
            }
            out.raw("]");
        } else if (value.getClass().isArray()) {
            out.raw("[");
            for (int i = 0, n = Array.getLength(value); i < n && !out.full(); i++) {
                out.raw(i == 0 ? "" : ", ");
                append(out, Array.get(value, i));
            }
            out.raw("]");
        } else {
            out.text(String.valueOf(value));
        }
    }

    private static void appendComposite(Line out, CompositeData data) {
        out.raw("{");
        String separator = "";
        for (String key : data.getCompositeType().keySet()) {
            out.raw(separator);
            out.text(key);
            out.raw("=");
            append(out, data.get(key));
            separator = ", ";
            if (out.full()) {
                return;
            }
        }
        out.raw("}");
    }

    /** A line that stops growing at its width: what comes after is left out, and the cut is marked. */
    private static final class Line {

        private final int width;
        private final StringBuilder sb = new StringBuilder(64);
        private boolean full;

        Line(int width) {
            this.width = width;
        }

        boolean full() {
            return full;
        }

        /** Our own punctuation: safe as it is. */
        void raw(String text) {
            add(text);
        }

        /** Text from the MBean: escaped, at most what still fits (plus one, to notice the cut). */
        void text(String text) {
            if (!full) {
                add(SafeText.escape(text, width - sb.length() + 1));
            }
        }

        private void add(String text) {
            if (full) {
                return;
            }
            sb.append(text);
            if (sb.length() > width) {
                full = true;
            }
        }

        String text() {
            if (!full) {
                return sb.toString();
            }
            sb.setLength(Math.max(0, width - SafeText.CUT_MARK.length()));
            return sb.append(SafeText.CUT_MARK).toString();
        }
    }
}
