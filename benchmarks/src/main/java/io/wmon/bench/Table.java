package io.wmon.bench;

/**
 * The result table every benchmark appends to: one Markdown row per figure on stdout. Columns:
 * figure, JDK, without the agent, with the agent, what the agent adds (or the value), target, met.
 */
public final class Table {

    private Table() {
    }

    public static void row(String figure, String jdk, String without, String with, String cost, String target,
            String met) {
        System.out.println("| " + String.join(" | ", figure, jdk, without, with, cost, target, met) + " |");
        System.out.flush();
    }

    /** The "Met" cell: yes, or a bold no. */
    public static String met(boolean met) {
        return met ? "yes" : "**no**";
    }

    /** A diagnostic line on stderr, prefixed with {@code #}. */
    public static void note(String format, Object... args) {
        System.err.println("# " + Stats.fmt(format, args));
    }
}
