package io.wmon.cli.shell;

import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The raw value of a global option ({@code --redis}, {@code --namespace}) when the user typed it,
 * before or after the subcommand name; empty when it only has its default.
 *
 * <p>{@code attach} and {@code demo} behave differently when the user chose a Redis explicitly, and
 * the parsed value alone cannot say (the default is a value like any other).
 */
public final class ExplicitOptions {

    private ExplicitOptions() {
    }

    /** The value typed for {@code optionName} (its longest name, e.g. {@code --redis}) on the command line. */
    public static Optional<String> typed(CommandLine anyCommand, String optionName) {
        CommandLine root = anyCommand;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        String found = null;
        for (ParseResult result = root.getParseResult(); result != null; result = result.subcommand()) {
            if (result.hasMatchedOption(optionName)) {
                List<String> typed = result.matchedOption(optionName).originalStringValues();
                found = typed.isEmpty() ? null : typed.get(typed.size() - 1);
            }
        }
        return Optional.ofNullable(found);
    }
}
