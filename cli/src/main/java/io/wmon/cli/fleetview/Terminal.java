package io.wmon.cli.fleetview;

/** What this process's standard output is: an interactive terminal or not, and whether to colour it. */
public final class Terminal {

    private Terminal() {
    }

    /** Whether stdout (and stdin) is an interactive terminal, where a view may be redrawn in place. */
    public static boolean interactive() {
        return System.console() != null;
    }

    /** Whether to colour text: on an interactive terminal, unless {@code NO_COLOR} is set. */
    public static boolean colour() {
        String noColour = System.getenv("NO_COLOR");
        return interactive() && (noColour == null || noColour.isEmpty());
    }
}
