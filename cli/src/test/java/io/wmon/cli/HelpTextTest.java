package io.wmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.cli.shell.ExitCodes;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** What {@code --help} promises: the exit codes of each command, and whose password each --password-file holds. */
class HelpTextTest {

    private static List<String> help(String... command) {
        String[] args = new String[command.length + 1];
        System.arraycopy(command, 0, args, 0, command.length);
        args[command.length] = "--help";
        CliResult result = Cli.run(args);
        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        return result.out().lines().map(String::strip).toList();
    }

    /** Regression: status omitted exit code 1; jmx, attach and demo listed none. */
    @ParameterizedTest
    @ValueSource(strings = {"status", "connections", "prune", "jmx", "attach", "demo"})
    void everyCommandListsItsExitCodes(String command) {
        List<String> lines = help(command);

        assertThat(lines).contains("Exit codes:");
        List<String> codes = lines.subList(lines.indexOf("Exit codes:") + 1, lines.size());
        for (int code = 0; code <= 3; code++) {
            String prefix = code + " ";
            assertThat(codes).as(command + " exit code " + code).anyMatch(line -> line.startsWith(prefix));
        }
        assertThat(codes.stream().anyMatch(line -> line.startsWith("4 "))).isEqualTo(command.equals("status"));
    }

    /** Regression: demo --help said the namespace defaulted to $WMON_NAMESPACE or default; demo uses demo. */
    @Test
    void theNamespaceHelpGivesDemosDefaultToo() {
        assertThat(String.join(" ", help("demo"))).contains("for demo: demo");
    }

    @Test
    void eachPasswordFileSaysWhosePasswordItHolds() {
        assertThat(String.join(" ", help())).contains("--password-file=FILE").contains("Redis password")
                .contains("not JMX's");
        assertThat(String.join(" ", help("jmx"))).contains("JMX's password, not Redis's");
    }
}
