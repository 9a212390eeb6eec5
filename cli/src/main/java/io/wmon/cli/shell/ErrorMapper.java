package io.wmon.cli.shell;

import io.wmon.core.redis.InvalidEndpointException;
import io.wmon.core.redis.RedisUnavailableException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns every exception a command throws into one line on stderr and an exit code.
 *
 * <p>Stack traces are printed only with {@code --verbose}. Messages come from our own exception
 * types, which already redact passwords.
 */
public final class ErrorMapper implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        int code;
        String line;
        if (e instanceof RedisUnavailableException) {
            code = ExitCodes.UNREACHABLE;
            line = e.getMessage() + "; is it running? set --redis or WMON_REDIS_URL";
        } else if (e instanceof TargetUnreachableException) {
            code = ExitCodes.UNREACHABLE;
            line = e.getMessage();
        } else if (e instanceof InvalidEndpointException || e instanceof IllegalArgumentException) {
            code = ExitCodes.USAGE;
            line = e.getMessage();
        } else if (e instanceof IllegalStateException && e.getMessage() != null) {
            // Redis refused a command or holds data wmon cannot use; the message says which and why.
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

    private static String oneLine(String text) {
        return text == null ? "" : text.replace('\n', ' ').replace('\r', ' ');
    }
}
