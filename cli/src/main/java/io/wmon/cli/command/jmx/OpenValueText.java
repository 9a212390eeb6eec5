package io.wmon.cli.command.jmx;

import java.lang.reflect.Array;
import java.util.StringJoiner;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * Renders a JMX open-type value on one line for the text output: {@code CompositeData} as
 * {@code {key=value, …}}, {@code TabularData} as {@code [{…}, {…}]}, arrays as {@code [a, b]}, an
 * empty string as {@code ""} so that it stays visible, control characters as {@code ?}.
 */
final class OpenValueText {

    private OpenValueText() {
    }

    static String render(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value);
        return out.toString().replaceAll("\\p{Cntrl}", "?");
    }

    private static void append(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String && ((String) value).isEmpty()) {
            out.append("\"\"");
        } else if (value instanceof CompositeData) {
            appendComposite(out, (CompositeData) value);
        } else if (value instanceof TabularData) {
            StringJoiner rows = new StringJoiner(", ", "[", "]");
            for (CompositeData row : OpenValueJson.rows((TabularData) value)) {
                StringBuilder one = new StringBuilder();
                appendComposite(one, row);
                rows.add(one);
            }
            out.append(rows);
        } else if (value.getClass().isArray()) {
            StringJoiner items = new StringJoiner(", ", "[", "]");
            for (int i = 0, n = Array.getLength(value); i < n; i++) {
                StringBuilder one = new StringBuilder();
                append(one, Array.get(value, i));
                items.add(one);
            }
            out.append(items);
        } else {
            out.append(value);
        }
    }

    private static void appendComposite(StringBuilder out, CompositeData data) {
        StringJoiner items = new StringJoiner(", ", "{", "}");
        for (String key : data.getCompositeType().keySet()) {
            StringBuilder one = new StringBuilder(key).append('=');
            append(one, data.get(key));
            items.add(one);
        }
        out.append(items);
    }
}
