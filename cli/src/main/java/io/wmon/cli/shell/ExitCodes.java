package io.wmon.cli.shell;

/** The exit codes of {@code wmon}, as the design fixes them; scripts depend on these numbers. */
public final class ExitCodes {

    /** Everything worked. */
    public static final int OK = 0;
    /** A bug or an unexpected failure inside wmon. */
    public static final int INTERNAL = 1;
    /** Bad flags or values. */
    public static final int USAGE = 2;
    /** Redis, a PID or a JMX endpoint could not be reached. */
    public static final int UNREACHABLE = 3;
    /** Only with {@code --check}: stale workers, or a record that says its breaker is open. */
    public static final int UNHEALTHY = 4;

    private ExitCodes() {
    }
}
