package io.wmon.core.record;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@code labels} field: {@code k=v;k=v}, with {@code \} escaping {@code ;}, {@code =} and
 * {@code \} itself inside keys and values.
 *
 * <p>Escaping rather than rejecting, because labels come from users and a label value such as
 * {@code query=a=b} must survive; labels without those three characters read the same as with a
 * naive split on {@code ;} and {@code =}. Decoding is lenient: the first unescaped {@code =} of
 * an entry separates key from value, empty entries are skipped, and anything unreadable is
 * reported as a problem and left out.
 */
public final class LabelsCodec {

    private LabelsCodec() {
    }

    /** Encodes labels in iteration order; an empty map is {@code ""}. */
    public static String encode(Map<String, String> labels) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (out.length() > 0) {
                out.append(';');
            }
            escape(label.getKey(), out);
            out.append('=');
            escape(label.getValue(), out);
        }
        return out.toString();
    }

    /**
     * Decodes labels; never throws.
     *
     * @param text the field value; null or empty means no labels
     * @param problems receives one line per entry that was left out
     */
    public static Map<String, String> decode(String text, Consumer<String> problems) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (text == null) {
            return labels;
        }
        StringBuilder key = new StringBuilder();
        StringBuilder value = null; // null while the entry's '=' has not been seen
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            StringBuilder current = value == null ? key : value;
            if (c == '\\' && i + 1 < text.length()) {
                current.append(text.charAt(++i));
            } else if (c == '\\') {
                problems.accept("labels: a lone '\\' at the end was ignored");
            } else if (c == '=' && value == null) {
                value = new StringBuilder();
            } else if (c == ';') {
                add(labels, key, value, problems);
                key.setLength(0);
                value = null;
            } else {
                current.append(c);
            }
        }
        add(labels, key, value, problems);
        return labels;
    }

    private static void add(Map<String, String> labels, StringBuilder key, StringBuilder value,
            Consumer<String> problems) {
        if (value == null) {
            if (key.length() > 0) {
                problems.accept("labels: entry " + FieldProblems.quote(key.toString()) + " has no '=', ignored");
            }
        } else if (key.length() == 0) {
            problems.accept("labels: entry with value " + FieldProblems.quote(value.toString())
                    + " has an empty key, ignored");
        } else if (labels.put(key.toString(), value.toString()) != null) {
            problems.accept("labels: key " + FieldProblems.quote(key.toString()) + " appears twice, the last one wins");
        }
    }

    private static void escape(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == ';' || c == '=') {
                out.append('\\');
            }
            out.append(c);
        }
    }
}
