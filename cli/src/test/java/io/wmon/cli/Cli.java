package io.wmon.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Consumer;
import picocli.CommandLine;

/** Runs {@code wmon} in-process on {@link Wmon#commandLine()} with captured stdout and stderr. */
public final class Cli {

    private Cli() {
    }

    public static CliResult run(String... args) {
        return run(commandLine -> { }, new StringWriter(), args);
    }

    /**
     * Runs with {@code setup} applied to the command line first, printing stdout into {@code out},
     * which a test may read while the command runs (StringWriter is synchronized).
     */
    public static CliResult run(Consumer<CommandLine> setup, StringWriter out, String... args) {
        return run(setup, out, new StringWriter(), args);
    }

    /** As {@link #run(Consumer, StringWriter, String...)}, printing stderr into {@code err}, also readable meanwhile. */
    public static CliResult run(Consumer<CommandLine> setup, StringWriter out, StringWriter err, String... args) {
        CommandLine commandLine = Wmon.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        setup.accept(commandLine);
        long start = System.nanoTime();
        int code = commandLine.execute(args);
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new CliResult(code, out.toString(), err.toString(), millis);
    }
}
