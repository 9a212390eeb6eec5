package io.wmon.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.cli.Cli;
import io.wmon.cli.CliResult;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Usage errors, those picocli finds while parsing and those a command finds in its flags: one line,
 * {@code wmon: <what>; see '<command> --help'}, exit 2, nothing on stdout, no usage dump.
 * Regression: picocli printed 2 to 31 lines without the prefix, and {@code wmon} alone exited 0.
 */
class UsageErrorsTest {

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("", "missing command: give one of status, watch, connections, prune, jmx, attach, demo; "
                        + "see 'wmon --help'"),
                Arguments.of("stauts", "unknown command 'stauts' (did you mean status or attach?); see 'wmon --help'"),
                Arguments.of("status --jsn", "unknown option '--jsn' (did you mean --json?); see 'wmon status --help'"),
                Arguments.of("--bogus status", "unknown option '--bogus'; see 'wmon --help'"),
                Arguments.of("status -i 0", "invalid value for option '--interval': '0' is too short: give 0.001 to "
                        + "86400 seconds, decimals allowed; see 'wmon status --help'"),
                Arguments.of("status extra", "unexpected argument 'extra'; see 'wmon status --help'"),
                Arguments.of("status --password-file pw", "unknown option '--password-file': it is an option of wmon "
                        + "itself, give it before the command name; see 'wmon status --help'"),
                Arguments.of("attach", "missing required parameter: 'PID'; see 'wmon attach --help'"),
                Arguments.of("attach abc", "invalid value for positional parameter at index 0 (PID): 'abc' is not a "
                        + "long; see 'wmon attach --help'"),
                Arguments.of("attach 0", "PID must be a positive number, was 0; see 'wmon attach --help'"),
                Arguments.of("attach 123 not-an-option", "agent option 'not-an-option' is not key=value, e.g. "
                        + "namespace=prod; see 'wmon attach --help'"),
                Arguments.of("attach 123 --stop id=x", "--stop takes no agent options, got id=x; "
                        + "see 'wmon attach --help'"),
                Arguments.of("attach 123 --agent-jar /nonexistent/wmon-agent.jar", "--agent-jar "
                        + "/nonexistent/wmon-agent.jar: no such file; give the path of wmon-agent.jar"),
                Arguments.of("jmx --bogus", "unknown option '--bogus'; see 'wmon jmx --help'"),
                Arguments.of("jmx --user u", "--user and --password-file need a host:port or service:jmx: TARGET; "
                        + "see 'wmon jmx --help'"),
                Arguments.of("connections --all", "unknown option '--all'; see 'wmon connections --help'"));
    }

    @ParameterizedTest(name = "wmon {0}")
    @MethodSource("mistakes")
    void oneLineExitTwo(String args, String line) {
        CliResult result = Cli.run(args.isEmpty() ? new String[0] : args.split(" "));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errorLine()).isEqualTo(line);
    }

    @Test
    void helpIsStillHelpOnStdoutExitZero() {
        CliResult help = Cli.run("status", "--help");

        assertThat(help.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(help.out()).startsWith("Usage: wmon status");
        assertThat(help.err()).isEmpty();
    }
}
