package io.wmon.cli.shell;

import io.wmon.core.redis.RedisUnavailableException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every exception a running command throws into one line on stderr, {@code wmon: …}, and an
 * exit code.
 *
 * <p>Usage errors are signalled one way, with picocli's {@link ParameterException}, thrown where the
 * input is validated. Those the parser finds (an unknown flag, a value a converter or an option
 * setter rejects) never get here: {@link UsageErrorHandler} prints them. Those a command finds once
 * it runs (a Redis URL or namespace that does not parse, a file that cannot be read, a jar that is
 * not there, flags that do not go together) reach this mapper through {@link #execute} and print one
 * line, exit 2. Redis that cannot be used prints core's one-line reason and what to do
 * ({@link RedisFailureLine}), exit 3 (2 for a database the server does not have); an unreachable
 * PID or JMX endpoint exits 3. Data in Redis that wmon cannot use (a key of another type) is exit 1
 * with the message that names the key. Everything else is unexpected: exit 1, as
 * {@code wmon: internal error: <exception>}; so a bug that throws, say, a
 * {@code NumberFormatException} is never reported as bad input.
 *
 * <p>Stack traces are printed only with {@code --verbose}. Messages come from our own exception
 * types, which already redact passwords.
 */
public final class ErrorMapper implements IExecutionExceptionHandler {

    /**
     * The execution strategy of the root command line: picocli's {@code RunLast}, except that a usage
     * error thrown by the running command is handed to this mapper (picocli would print the usage
     * help after it, which says nothing about a bad URL or a missing file).
     */
    public static int execute(ParseResult parseResult) {
        try {
            return new CommandLine.RunLast().execute(parseResult);
        } catch (ParameterException e) {
            throw new ExecutionException(e.getCommandLine(), e.getMessage(), e);
        }
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        int code;
        String line;
        if (e instanceof ParameterException) {
            code = ExitCodes.USAGE;
            line = e.getMessage();
        } else if (e instanceof RedisUnavailableException) {
            code = RedisFailureLine.exitCode((RedisUnavailableException) e);
            line = RedisFailureLine.line((RedisUnavailableException) e);
        } else if (e instanceof TargetUnreachableException) {
            code = ExitCodes.UNREACHABLE;
            line = e.getMessage();
        } else if (e instanceof IllegalStateException && e.getMessage() != null) {
            // Redis holds data wmon cannot use (a key of another type); the message names the key.
            code = ExitCodes.INTERNAL;
            line = e.getMessage();
        } else {
            code = ExitCodes.INTERNAL;
            line = "internal error: " + e;
        }
        err.println("wmon: " + oneLine(line));
        if (isVerbose(commandLine)) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static boolean isVerbose(CommandLine commandLine) {
        CommandLine root = commandLine;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Object command = root.getCommand();
        return command instanceof WmonCommand && ((WmonCommand) command).verbose();
    }

    /**
     * The message on one line with no control character left to act on the terminal: line breaks
     * become spaces, other C0, DEL and C1 characters (ESC among them) visible {@code \xNN} escapes.
     */
    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') {
                out.append(' ');
            } else if (c < 0x20 || c >= 0x7f && c < 0xa0) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
