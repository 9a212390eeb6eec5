package io.wmon.test.jvm;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** {@link ChildProcesses} closes a test's processes after the test, a class's after the class, failed or not. */
@Timeout(value = 120, unit = SECONDS)
class ChildProcessesLifecycleIT {

    @Test
    void everyProcessIsGoneWhenItsScopeEndsAndOutputLandsInItsFolder() {
        TestExecutionSummary summary = FixtureRun.of(Fixture.class);

        assertThat(summary.getTestsFoundCount()).isEqualTo(3);
        assertThat(summary.getTestsSucceededCount()).as("%s", summary.getFailures()).isEqualTo(2);
        assertThat(summary.getFailures()).singleElement()
                .satisfies(failure -> assertThat(failure.getException()).hasMessage("on purpose"));
        assertThat(Fixture.classProcess.isAlive()).as("class-level process after the class").isFalse();
        assertThat(Fixture.failedTestProcess.isAlive()).as("process of the failed test").isFalse();
        assertThat(Fixture.secondSawFirstGone).as("first test's process gone when the second ran").isTrue();
        assertThat(Fixture.secondSawClassProcessAlive).as("class-level process alive in the second").isTrue();

        Path classDir = ChildProcesses.outputRoot().resolve("ChildProcessesLifecycleIT$Fixture");
        assertThat(Fixture.classProcess.outputDir()).startsWith(classDir);
        assertThat(Fixture.classProcess.outputDir().getParent().getFileName().toString()).startsWith("class-");
        assertThat(Fixture.firstTestProcess.outputDir().getParent().getFileName().toString()).startsWith("first-");
        assertThat(Fixture.firstTestProcess.outputDir().getFileName()).hasToString("echo");
        assertThat(Fixture.secondEchoOfTheSameName.outputDir().getFileName()).hasToString("echo-2");
        assertThat(Fixture.firstTestProcess.outputDir().resolve("stdout.log")).content().startsWith("ready pid=");
    }

    private static ChildProcess startEcho(ChildProcesses processes) {
        ChildProcess echo = processes.start("echo", JvmCommand.on(Jdk.current()).mainClass(EchoMain.class));
        echo.awaitStdout("^ready pid=", ChildProcess.START_TIMEOUT);
        return echo;
    }

    /** Run only through {@link FixtureRun}. */
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class Fixture {

        @RegisterExtension
        static final ChildProcesses PROCESSES = new ChildProcesses();

        static ChildProcess classProcess;
        static ChildProcess firstTestProcess;
        static ChildProcess secondEchoOfTheSameName;
        static ChildProcess failedTestProcess;
        static boolean secondSawFirstGone;
        static boolean secondSawClassProcessAlive;

        @BeforeAll
        static void startClassProcess() {
            classProcess = startEcho(PROCESSES);
        }

        @Test
        @Order(1)
        void first() {
            firstTestProcess = startEcho(PROCESSES);
            secondEchoOfTheSameName = startEcho(PROCESSES);
        }

        @Test
        @Order(2)
        void second() {
            secondSawFirstGone = !firstTestProcess.isAlive() && !secondEchoOfTheSameName.isAlive();
            secondSawClassProcessAlive = classProcess.isAlive();
        }

        @Test
        @Order(3)
        void failsAfterStartingOne() {
            failedTestProcess = startEcho(PROCESSES);
            fail("on purpose");
        }
    }
}
