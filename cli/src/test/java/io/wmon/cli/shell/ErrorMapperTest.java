package io.wmon.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.cli.Cli;
import io.wmon.cli.CliResult;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How a failure inside a running command becomes one line on stderr and an exit code. */
class ErrorMapperTest {

    /** A command that fails the way it is told to, registered beside the real ones. */
    @Command(name = "fail")
    static final class Failing implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        private final String how;

        Failing(String how) {
            this.how = how;
        }

        @Override
        public Integer call() {
            switch (how) {
                case "number":
                    return Integer.parseInt("twelve");
                case "argument":
                    throw new IllegalArgumentException("a precondition of our own code");
                case "usage":
                    throw new ParameterException(spec.commandLine(), "--thing must name a thing, was 'x'");
                case "unreachable":
                    throw new TargetUnreachableException("no JVM with pid 123");
                default:
                    return ExitCodes.OK;
            }
        }
    }

    private static CliResult fail(String how) {
        return Cli.run(commandLine -> {
            commandLine.addSubcommand(new Failing(how));
            // Added after Cli set the streams: hand it the captured ones.
            commandLine.getSubcommands().get("fail").setOut(commandLine.getOut()).setErr(commandLine.getErr());
        }, new StringWriter(), "fail");
    }

    /** Regression: every IllegalArgumentException used to be a usage error, so this bug read as bad input (exit 2). */
    @Test
    void aNumberFormatExceptionFromABugIsAnInternalErrorNotAUsageError() {
        CliResult result = fail("number");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INTERNAL);
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("wmon: internal error: java.lang.NumberFormatException");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void anyOtherIllegalArgumentExceptionIsAnInternalErrorToo() {
        CliResult result = fail("argument");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INTERNAL);
        assertThat(result.errLines()).singleElement().asString().startsWith("wmon: internal error: ");
    }

    @Test
    void aUsageErrorFoundWhileRunningIsOneLineExitingTwo() {
        CliResult result = fail("usage");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).containsExactly("wmon: --thing must name a thing, was 'x'");
    }

    @Test
    void anUnreachableTargetIsOneLineExitingThree() {
        CliResult result = fail("unreachable");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.errLines()).containsExactly("wmon: no JVM with pid 123");
    }
}
