package io.wmon.cli;

import io.wmon.cli.command.attach.AttachCommand;
import io.wmon.cli.command.connections.ConnectionsCommand;
import io.wmon.cli.command.demo.DemoCommand;
import io.wmon.cli.command.jmx.JmxCommand;
import io.wmon.cli.command.prune.PruneCommand;
import io.wmon.cli.command.status.StatusCommand;
import io.wmon.cli.command.watch.WatchCommand;
import io.wmon.cli.shell.ErrorMapper;
import io.wmon.cli.shell.ExitCodes;
import io.wmon.cli.shell.UsageErrorHandler;
import io.wmon.cli.shell.WmonCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/** The {@code wmon} entry point: the only class that knows every command. */
public final class Wmon {

    /** Every command by name, in the order of the docs; one class each under io.wmon.cli.command. */
    private static final Map<String, Supplier<Object>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("status", StatusCommand::new);
        COMMANDS.put("watch", WatchCommand::new);
        COMMANDS.put("connections", ConnectionsCommand::new);
        COMMANDS.put("prune", PruneCommand::new);
        COMMANDS.put("jmx", JmxCommand::new);
        COMMANDS.put("attach", AttachCommand::new);
        COMMANDS.put("demo", DemoCommand::new);
    }

    private Wmon() {
    }

    public static void main(String[] args) {
        System.exit(commandLine(args).execute(args));
    }

    /**
     * The configured command line with every command: subcommands, one exception→exit-code mapper,
     * and usage errors printed as one line and exiting with {@link ExitCodes#USAGE}. Tests call
     * {@code execute} on it with captured streams.
     */
    public static CommandLine commandLine() {
        return configure(new CommandLine(new WmonCommand()), COMMANDS.keySet().toArray(new String[0]));
    }

    /**
     * The command line that runs {@code args}: when they name a command, with that command only, so
     * that a run builds the model of one command instead of seven (picocli reads every option's
     * annotations up front; about a third of {@code wmon --version}'s CPU time went there); else, as
     * for help, no command or an unknown one, with every command, exactly as {@link #commandLine()}.
     */
    public static CommandLine commandLine(String[] args) {
        CommandLine root = new CommandLine(new WmonCommand());
        String named = commandNamed(root.getCommandSpec(), args);
        return named == null ? configure(root, COMMANDS.keySet().toArray(new String[0])) : configure(root, named);
    }

    /**
     * The command {@code args} run, read the way picocli reads them: root options (and the value of
     * those that take one) first, then the command's name. Null when that is not certain (an option
     * this scan does not know, {@code --}, no command): the caller then registers every command.
     */
    static String commandNamed(CommandSpec root, String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-")) {
                return COMMANDS.containsKey(arg) ? arg : null;
            }
            if (arg.equals("--")) {
                return null;
            }
            if (arg.indexOf('=') < 0) {
                OptionSpec option = root.findOption(arg);
                if (option == null) {
                    return null;
                }
                if (option.arity().max() > 0) {
                    i++;
                }
            }
        }
        return null;
    }

    private static CommandLine configure(CommandLine commandLine, String... commands) {
        for (String command : commands) {
            commandLine.addSubcommand(COMMANDS.get(command).get());
        }
        // A namespace may be called "status": "-n status status" must read it as the option's value.
        commandLine.setAllowSubcommandsAsOptionParameters(true);
        commandLine.setExecutionStrategy(ErrorMapper::execute);
        commandLine.setExecutionExceptionHandler(new ErrorMapper());
        commandLine.setParameterExceptionHandler(new UsageErrorHandler());
        // Picocli's usage-error handler asks this mapper first, so it must answer USAGE for those.
        commandLine.setExitCodeExceptionMapper(e -> e instanceof ParameterException ? ExitCodes.USAGE
                : ExitCodes.INTERNAL);
        setUsageExitCode(commandLine);
        return commandLine;
    }

    private static void setUsageExitCode(CommandLine commandLine) {
        commandLine.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
        commandLine.getSubcommands().values().forEach(Wmon::setUsageExitCode);
    }
}
