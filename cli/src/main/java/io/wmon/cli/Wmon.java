package io.wmon.cli;

import picocli.CommandLine;

/** The {@code wmon} entry point. */
public final class Wmon {

    private Wmon() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The configured command line: subcommands, one exception→exit-code mapper, and usage errors
     * exiting with {@link ExitCodes#USAGE}. Tests call {@code execute} on it with captured streams.
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new WmonCommand());
        // Subcommands: one class each in io.wmon.cli.command, added here in the order of the docs.
        commandLine.addSubcommand(new io.wmon.cli.command.jmx.JmxCommand());
        commandLine.addSubcommand(new io.wmon.cli.command.attach.AttachCommand());
        commandLine.addSubcommand(new io.wmon.cli.command.demo.DemoCommand());
        commandLine.setExecutionExceptionHandler(new ErrorMapper());
        commandLine.setExitCodeExceptionMapper(e -> ExitCodes.INTERNAL);
        commandLine.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
        return commandLine;
    }
}
