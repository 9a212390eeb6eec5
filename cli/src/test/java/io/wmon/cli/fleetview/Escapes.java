package io.wmon.cli.fleetview;

import java.util.regex.Pattern;

/** Reads text that holds ANSI escape sequences as a terminal shows it. */
final class Escapes {

    private static final Pattern SEQUENCE = Pattern.compile("\u001b\\[[0-9;?]*[A-Za-z]");

    private Escapes() {
    }

    /** {@code text} without escape sequences: what the terminal shows. */
    static String strip(String text) {
        return SEQUENCE.matcher(text).replaceAll("");
    }

    /** The columns {@code text} takes on a terminal (every char counts as one column). */
    static int visibleLength(String text) {
        return strip(text).length();
    }
}
