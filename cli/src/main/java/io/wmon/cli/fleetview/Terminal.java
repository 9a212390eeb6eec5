package io.wmon.cli.fleetview;

import picocli.CommandLine.Help.Ansi;

/**
 * What this process's standard output is (an interactive terminal or not, whether to colour it),
 * and the few escape sequences that redraw a view in place.
 *
 * <p>Colour is picocli's {@link Ansi#AUTO}: on when stdout is a terminal, off when {@code NO_COLOR}
 * is set (to anything), forced on by {@code CLICOLOR_FORCE} or {@code -Dpicocli.ansi=true} and off by
 * {@code -Dpicocli.ansi=false} (both through {@code WMON_JAVA_OPTS}). Colours themselves are picocli's
 * {@code Ansi.Style} constants; picocli has no cursor control, hence the sequences below.
 */
public final class Terminal {

    /** Cursor to the top-left corner: each frame overwrites the previous one instead of clearing it. */
    public static final String HOME = "\u001b[H";
    /** Clears from the cursor to the end of the line: the rest of a longer line of the previous frame. */
    public static final String CLEAR_TO_EOL = "\u001b[K";
    /** Clears from the cursor to the end of the screen: the lines of a longer previous frame. */
    public static final String CLEAR_BELOW = "\u001b[J";
    public static final String CLEAR_SCREEN = "\u001b[2J";
    public static final String HIDE_CURSOR = "\u001b[?25l";
    public static final String SHOW_CURSOR = "\u001b[?25h";

    private Terminal() {
    }

    /** Whether stdout (and stdin) is an interactive terminal, where a view may be redrawn in place. */
    public static boolean interactive() {
        return System.console() != null;
    }

    /** Whether to colour text, as picocli decides for its own help: see the class comment. */
    public static boolean colour() {
        return Ansi.AUTO.enabled();
    }
}
