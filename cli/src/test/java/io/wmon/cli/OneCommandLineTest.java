package io.wmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@link Wmon#commandLine(String[])}: the command a run names is the only one built, and a run whose
 * command is not certain gets every command, so that nothing a user types reads differently.
 */
class OneCommandLineTest {

    private static List<String> commands(String... args) {
        return List.copyOf(Wmon.commandLine(args).getSubcommands().keySet());
    }

    private static List<String> everyCommand() {
        return List.copyOf(Wmon.commandLine().getSubcommands().keySet());
    }

    @Test
    void aNamedCommandIsTheOnlyOneBuilt() {
        assertThat(commands("status", "--json")).containsExactly("status");
        assertThat(commands("--verbose", "-r", "redis://127.0.0.1:1", "watch", "--json")).containsExactly("watch");
        assertThat(commands("--redis=redis://127.0.0.1:1", "connections")).containsExactly("connections");
    }

    /** A namespace called like a command is the option's value, as picocli reads it. */
    @Test
    void anOptionsValueIsNeverTakenForTheCommand() {
        assertThat(commands("-n", "status", "prune", "--dry-run")).containsExactly("prune");
        assertThat(commands("--namespace", "watch")).isEqualTo(everyCommand());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--help", "--version", "stauts", "-rredis://127.0.0.1:1 status", "-- status"})
    void withoutACertainCommandEveryCommandIsBuilt(String line) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");

        assertThat(commands(args)).isEqualTo(everyCommand()).hasSize(7);
    }

    /** Regression guard: the one-command line parses and reports a usage error exactly as the whole one. */
    @ParameterizedTest
    @ValueSource(strings = {"status --bogus", "status --sort nowhere", "status --interval 1", "watch --since x"})
    void aUsageErrorReadsTheSameOnEitherLine(String line) {
        String[] args = line.split(" ");

        assertThat(run(Wmon.commandLine(args), args)).isEqualTo(run(Wmon.commandLine(), args));
    }

    private static String run(CommandLine commandLine, String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return code + "\n" + out + "\n" + err;
    }
}
