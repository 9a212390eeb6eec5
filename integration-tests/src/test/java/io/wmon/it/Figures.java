package io.wmon.it;

import java.util.Locale;

/**
 * Prints what a fault test measured, one {@code [figure] name=value} line per figure on stdout, so
 * that the figures quoted in docs/operations.md can be read back from a build log
 * ({@code grep '\[figure\]'}).
 */
final class Figures {

    private Figures() {
    }

    /** {@code [figure] name=value}. */
    static void report(String name, Object value) {
        System.out.println("[figure] " + name + "=" + value);
    }

    /** {@code [figure] name=value} for a count or a whole number of milliseconds. */
    static void report(String name, long value) {
        report(name, (Object) Long.toString(value));
    }

    /** {@code [figure] name=value} with one decimal, e.g. a rate or a median of fractional milliseconds. */
    static void report(String name, double value) {
        report(name, String.format(Locale.ROOT, "%.1f", value));
    }
}
