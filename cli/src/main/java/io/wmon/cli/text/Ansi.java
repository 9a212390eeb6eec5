package io.wmon.cli.text;

import java.util.regex.Pattern;

/** The few ANSI escape sequences the terminal view uses, and how to measure text that holds them. */
public final class Ansi {

    public static final String RESET = "\u001b[0m";
    public static final String RED = "\u001b[31m";
    public static final String GREEN = "\u001b[32m";
    public static final String YELLOW = "\u001b[33m";
    public static final String MAGENTA = "\u001b[35m";
    public static final String DIM = "\u001b[2m";
    public static final String BOLD = "\u001b[1m";
    /** Cursor to the top-left corner: each frame overwrites the previous one instead of clearing it. */
    public static final String HOME = "\u001b[H";
    /** Clears from the cursor to the end of the line: the rest of a longer line of the previous frame. */
    public static final String CLEAR_TO_EOL = "\u001b[K";
    /** Clears from the cursor to the end of the screen: the lines of a longer previous frame. */
    public static final String CLEAR_BELOW = "\u001b[J";
    public static final String CLEAR_SCREEN = "\u001b[2J";
    public static final String HIDE_CURSOR = "\u001b[?25l";
    public static final String SHOW_CURSOR = "\u001b[?25h";

    private static final Pattern SEQUENCE = Pattern.compile("\u001b\\[[0-9;?]*[A-Za-z]");

    private Ansi() {
    }

    /** {@code text} without escape sequences: what the terminal shows. */
    public static String strip(String text) {
        return SEQUENCE.matcher(text).replaceAll("");
    }

    /** The columns {@code text} takes on a terminal (every char counts as one column). */
    public static int visibleLength(String text) {
        return strip(text).length();
    }

    /** {@code text} in {@code style}, or unchanged when {@code style} is null. */
    public static String styled(String style, String text) {
        return style == null ? text : style + text + RESET;
    }
}
