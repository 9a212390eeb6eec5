package io.wmon.cli.text;

import java.nio.charset.Charset;

/**
 * Makes text that came from outside (Redis, {@code CLIENT LIST}, an MBean) safe to print on a
 * terminal, and cuts it to a width: the one escaping function every text renderer uses.
 *
 * <p>Characters a terminal would act on instead of showing are printed as visible escapes:
 * C0 controls and DEL as {@code \x1b}, {@code \x07}, {@code \x7f} (with {@code \n}, {@code \r} and
 * {@code \t} for the three common ones), C1 controls as {@code \x9b}, and the Unicode format,
 * line- and paragraph-separator characters (bidi overrides such as U+202E, zero-width characters,
 * U+2028) and unpaired surrogates as {@code \u202e}; a backslash is doubled, so an escape can
 * always be told from text that merely looks like one. Everything else passes unchanged.
 *
 * <p>Cutting is part of escaping, not a second step: the work and the memory are bounded by the
 * width asked for, not by the input, so a 5 MB value costs a few hundred characters. A cut text ends
 * with {@link #CUT_MARK}, and an escape is never split by a cut. Widths count UTF-16 characters,
 * one column each.
 */
public final class SafeText {

    /**
     * What ends a cut text: {@code …}, or {@code ~} when standard output's character set has no
     * {@code …} (for example {@code LANG=C} on Java 17), so that a cut never shows as {@code ?}.
     */
    public static final String CUT_MARK = outputCanShow('\u2026') ? "\u2026" : "~";

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private SafeText() {
    }

    /** {@code text} with every unsafe character escaped; {@code ""} for null. Not cut. */
    public static String escape(String text) {
        return escape(text, Integer.MAX_VALUE);
    }

    /**
     * {@code text} escaped and, when the escaped form is longer than {@code width}, cut to
     * {@code width} characters, the last of them {@link #CUT_MARK}. Returns {@code text} itself
     * when nothing needs escaping or cutting (no allocation).
     */
    public static String escape(String text, int width) {
        if (text == null || width <= 0) {
            return "";
        }
        int length = text.length();
        int plain = 0;
        int scan = Math.min(length, width);
        while (plain < scan && isPlain(text.charAt(plain))) {
            plain++;
        }
        if (plain == length) {
            return text;
        }
        if (plain == width) {
            return text.substring(0, width - CUT_MARK.length()) + CUT_MARK;
        }
        return escapeFrom(text, plain, width);
    }

    /** The slow path: {@code text[0, plain)} needs nothing; escape the rest into at most {@code width} chars. */
    private static String escapeFrom(String text, int plain, int width) {
        int length = text.length();
        int room = width - CUT_MARK.length();
        StringBuilder out = new StringBuilder((int) Math.min((long) width, length + 16L));
        out.append(text, 0, plain);
        int fitsWithMark = Math.min(plain, room);
        int i = plain;
        while (i < length) {
            char c = text.charAt(i);
            int size = pieceLength(text, i);
            if ((long) out.length() + escapedLength(text, i, size) > width) {
                out.setLength(Math.max(0, fitsWithMark));
                return out.append(CUT_MARK).toString();
            }
            appendPiece(out, text, i, size, c);
            i += size;
            if (out.length() <= room) {
                fitsWithMark = out.length();
            }
        }
        return out.toString();
    }

    /** Whether {@code c} prints as itself; the common case, checked first. */
    private static boolean isPlain(char c) {
        if (c >= 0x20 && c < 0x7f) {
            return c != '\\';
        }
        if (c < 0xa0) {
            return false; // C0, DEL, C1
        }
        switch (Character.getType(c)) {
            case Character.FORMAT:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.SURROGATE:
            case Character.CONTROL:
                return false;
            default:
                return true;
        }
    }

    /** 2 for a valid surrogate pair at {@code i}, else 1. */
    private static int pieceLength(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                ? 2 : 1;
    }

    private static int escapedLength(String text, int i, int size) {
        if (size == 2) {
            return Character.getType(text.codePointAt(i)) == Character.FORMAT ? 10 : 2;
        }
        char c = text.charAt(i);
        if (isPlain(c)) {
            return 1;
        }
        if (c == '\\' || c == '\n' || c == '\r' || c == '\t') {
            return 2;
        }
        return c < 0xa0 ? 4 : 6;
    }

    private static void appendPiece(StringBuilder out, String text, int i, int size, char c) {
        if (size == 2) {
            int codePoint = text.codePointAt(i);
            if (Character.getType(codePoint) == Character.FORMAT) {
                // Tag characters (U+E0000..) are invisible: escape them like U+202E.
                out.append("\\U").append(String.format("%08x", codePoint));
            } else {
                out.append(text, i, i + 2);
            }
            return;
        }
        if (isPlain(c)) {
            out.append(c);
        } else if (c == '\\') {
            out.append("\\\\");
        } else if (c == '\n') {
            out.append("\\n");
        } else if (c == '\r') {
            out.append("\\r");
        } else if (c == '\t') {
            out.append("\\t");
        } else if (c < 0xa0) {
            out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
        } else {
            out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
                    .append(HEX[c & 0xf]);
        }
    }

    private static boolean outputCanShow(char c) {
        String name = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding"));
        Charset charset = Charset.defaultCharset();
        if (name != null) {
            try {
                charset = Charset.forName(name);
            } catch (IllegalArgumentException unknownOrIllegalName) {
                // Keep the default: that is what the JVM falls back to as well.
            }
        }
        return charset.newEncoder().canEncode(c);
    }
}
