package io.wmon.cli.shell;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Picocli's parse errors (an unknown command or flag, a value a converter rejects, a missing PID) as
 * one line, {@code wmon: <what>; see 'wmon status --help'}, exit 2: no usage dump, but picocli's
 * "did you mean" kept, e.g. {@code wmon: unknown option '--jsn' (did you mean --json?); see 'wmon status --help'}.
 */
public final class UsageErrorHandler implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("wmon: " + oneLine(describe(e)) + "; " + UsageError.seeHelp(command));
        err.flush();
        return ExitCodes.USAGE;
    }

    static String describe(ParameterException e) {
        if (!(e instanceof UnmatchedArgumentException)) {
            return lowerFirst(String.valueOf(e.getMessage()));
        }
        UnmatchedArgumentException unmatched = (UnmatchedArgumentException) e;
        CommandLine command = e.getCommandLine();
        List<String> words = unmatched.getUnmatched();
        String first = words.isEmpty() ? "" : words.get(0);
        String what;
        if (unmatched.isUnknownOption()) {
            what = "unknown option '" + first + "'" + rootOnly(command, first);
        } else if (!command.getSubcommands().isEmpty()) {
            what = "unknown command '" + first + "'";
        } else {
            what = "unexpected argument '" + first + "'";
        }
        List<String> suggestions = unmatched.getSuggestions();
        return suggestions.isEmpty() ? what : what + " (did you mean " + String.join(" or ", suggestions) + "?)";
    }

    /** A root-only option (--password-file) typed after the command name: say where it goes. */
    private static String rootOnly(CommandLine command, String option) {
        CommandLine root = command;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        String name = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
        return root != command && root.getCommandSpec().findOption(name) != null
                ? ": it is an option of wmon itself, give it before the command name" : "";
    }

    /** Picocli's "Invalid value for option …" reads as {@code wmon: invalid value for option …}; "PID …" stays. */
    private static String lowerFirst(String text) {
        boolean capitalised = text.length() > 1 && Character.isUpperCase(text.charAt(0))
                && Character.isLowerCase(text.charAt(1));
        return capitalised ? Character.toLowerCase(text.charAt(0)) + text.substring(1) : text;
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ').replace('\r', ' ');
    }
}
