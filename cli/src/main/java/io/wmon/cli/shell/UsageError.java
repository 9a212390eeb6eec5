package io.wmon.cli.shell;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Usage errors about the shape of a command line (an unknown flag, flags that do not go together),
 * which end with where the help is: {@code wmon: <what>; see 'wmon status --help'}.
 *
 * <p>A value that cannot be used once the command runs (a Redis URL that does not parse, a file
 * that cannot be read) is a plain {@link ParameterException}: the help would not say more.
 */
public final class UsageError {

    private UsageError() {
    }

    /** A usage error whose message is {@code message}, then {@code ; see '<command> --help'}. */
    public static ParameterException misuse(CommandLine command, String message) {
        return new ParameterException(command, message + "; " + seeHelp(command));
    }

    /** {@code see 'wmon status --help'}, for the command {@code command} stands for. */
    public static String seeHelp(CommandLine command) {
        return "see '" + command.getCommandSpec().qualifiedName() + " --help'";
    }
}
