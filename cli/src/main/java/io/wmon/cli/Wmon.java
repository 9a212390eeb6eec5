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
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The {@code wmon} entry point: the only class that knows every command. */
public final class Wmon {

    private Wmon() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The configured command line: subcommands, one exception→exit-code mapper, and usage errors
     * printed as one line and exiting with {@link ExitCodes#USAGE}. Tests call {@code execute} on it
     * with captured streams.
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new WmonCommand());
        // One class each under io.wmon.cli.command, added in the order of the docs.
        commandLine.addSubcommand(new StatusCommand());
        commandLine.addSubcommand(new WatchCommand());
        commandLine.addSubcommand(new ConnectionsCommand());
        commandLine.addSubcommand(new PruneCommand());
        commandLine.addSubcommand(new JmxCommand());
        commandLine.addSubcommand(new AttachCommand());
        commandLine.addSubcommand(new DemoCommand());
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
