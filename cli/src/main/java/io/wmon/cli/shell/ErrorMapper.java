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
        if (e instanceof ParameterException) {
            code = ExitCodes.USAGE;
        } else if (e instanceof RedisUnavailableException) {
            code = RedisFailureLine.exitCode((RedisUnavailableException) e);
        } else if (e instanceof TargetUnreachableException) {
            code = ExitCodes.UNREACHABLE;
        } else {
            code = ExitCodes.INTERNAL;
        }
        String line = line(e);
        err.println("wmon: " + oneLine(line));
        if (isVerbose(commandLine)) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /**
     * The error line for {@code e}, without {@code wmon: } (and not yet on one line): the cause and
     * what to do for Redis, the message of a usage error, an unreachable target or data wmon cannot use
     * (a key of another type), else {@code internal error: <exception>}.
     */
    public static String line(Exception e) {
        if (e instanceof RedisUnavailableException) {
            return RedisFailureLine.line((RedisUnavailableException) e);
        }
        if (e instanceof ParameterException || e instanceof TargetUnreachableException
                || e instanceof IllegalStateException && e.getMessage() != null) {
            return e.getMessage();
        }
        return "internal error: " + e;
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
