package io.wmon.agent.config;

import io.wmon.core.redis.RedisEndpoint;

/**
 * How a user-supplied value appears in an error message: cut, on one line, without secrets.
 *
 * <p>Values are cut to {@value #MAX_SHOWN} characters so that a 100 kB option cannot flood the
 * log; control and invisible format characters become escapes ({@code \n}, {@code \t}, or a Unicode escape) so
 * the message stays one honest line. A {@code redis} value is first redacted by
 * {@link RedisEndpoint#redactUrl}, before it is cut, so that a cut never keeps a password's head.
 */
final class ShownValue {

    /** Characters of a value shown in a message before it is cut with {@code ...}. */
    static final int MAX_SHOWN = 60;

    private ShownValue() {
    }

    /** {@code value} of {@code key}, quoted, redacted when it is a Redis URL, cut and escaped. */
    static String quoted(OptionKey key, String value) {
        String safe = key == OptionKey.REDIS ? RedisEndpoint.redactUrl(value) : value;
        return "'" + escape(safe, MAX_SHOWN) + "'";
    }

    /** A key or a path, cut and escaped, unquoted. */
    static String text(String value) {
        return escape(value, MAX_SHOWN);
    }

    /** {@code value} with control and format characters escaped, cut after {@code max} characters. */
    static String escape(String value, int max) {
        if (value == null) {
            return "(none)";
        }
        StringBuilder sb = new StringBuilder(Math.min(value.length(), max) + 8);
        for (int i = 0; i < value.length(); i++) {
            if (sb.length() >= max) {
                if (Character.isHighSurrogate(sb.charAt(sb.length() - 1))) {
                    sb.setLength(sb.length() - 1); // never print half a character
                }
                return sb.append("...").toString();
            }
            char c = value.charAt(i);
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (isInvisible(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isInvisible(char c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}
