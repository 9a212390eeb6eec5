package io.wmon.test.worker;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.EchoMain;
import io.wmon.test.jvm.FixtureRun;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.jvm.JvmCommand;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Each class that registers {@link WorkerFleetExtension} gets a server of its own for all its
 * tests; each test's processes and records connection end with the test; the server ends with the class.
 */
@Timeout(value = 120, unit = SECONDS)
class WorkerFleetExtensionIT {

    private static final Pattern PROCESS_ID = Pattern.compile("process_id:(\\d+)");

    @Test
    void twoClassesGetTwoServersThatLiveAsLongAsTheirClass() {
        TestExecutionSummary summary = FixtureRun.of(FixtureA.class, FixtureB.class);

        assertThat(summary.getTotalFailureCount()).as("%s", summary.getFailures()).isZero();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(4);
        assertThat(FixtureA.seen.serverPid).isPositive();
        assertThat(FixtureA.seen.serverPid).isNotEqualTo(FixtureB.seen.serverPid);
        for (Seen seen : new Seen[] {FixtureA.seen, FixtureB.seen}) {
            assertThat(seen.redisUrlOfTheWorker).isEqualTo("redis://127.0.0.1:" + seen.port);
            assertThat(seen.samePidInSecondTest).as("one server for the whole class").isEqualTo(seen.serverPid);
            assertThat(seen.recordsConnectionsInFirst).isEqualTo(1);
            assertThat(seen.recordsConnectionsInSecond).as("records connection closed after the first test").isZero();
            assertThat(seen.workerGoneInSecond).as("first test's worker gone in the second").isTrue();
            assertThat(ChildProcess.hasExited(seen.serverPid)).as("server after its class").isTrue();
            assertThat(answers(seen.port)).as("port " + seen.port + " after the class").isFalse();
        }
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static long serverPid(WorkerFleetExtension fleet) {
        Matcher matcher = PROCESS_ID.matcher(fleet.probe().info("server"));
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    /** What one fixture class saw, read after it ran. */
    static final class Seen {
        volatile long serverPid;
        volatile int port;
        volatile String redisUrlOfTheWorker;
        volatile long samePidInSecondTest;
        volatile long recordsConnectionsInFirst;
        volatile long recordsConnectionsInSecond;
        volatile boolean workerGoneInSecond;
        volatile ChildProcess worker;

        void first(WorkerFleetExtension fleet) {
            serverPid = serverPid(fleet);
            port = fleet.redis().port();
            worker = fleet.start("echo", JvmCommand.on(Jdk.current()).mainClass(EchoMain.class));
            worker.awaitStdout("^ready pid=", ChildProcess.START_TIMEOUT);
            worker.send("env " + WorkerFleetExtension.REDIS_URL_ENV);
            redisUrlOfTheWorker = worker.awaitStdout("^env WMON_REDIS_URL=(.*)$", Duration.ofSeconds(10)).group(1);
            assertThat(fleet.records().record("nobody")).isEmpty();
            recordsConnectionsInFirst = fleet.probe().countClients(WorkerRecords.CLIENT_NAME);
        }

        void second(WorkerFleetExtension fleet) {
            samePidInSecondTest = serverPid(fleet);
            recordsConnectionsInSecond = fleet.probe().countClients(WorkerRecords.CLIENT_NAME);
            workerGoneInSecond = !worker.isAlive();
        }
    }

    /** Run only through {@link FixtureRun}. */
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class FixtureA {
        @RegisterExtension
        static final WorkerFleetExtension FLEET = new WorkerFleetExtension();
        static final Seen seen = new Seen();

        @Test
        @Order(1)
        void first() {
            seen.first(FLEET);
        }

        @Test
        @Order(2)
        void second() {
            seen.second(FLEET);
        }
    }

    /** Run only through {@link FixtureRun}, after {@link FixtureA}. */
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class FixtureB {
        @RegisterExtension
        static final WorkerFleetExtension FLEET = new WorkerFleetExtension();
        static final Seen seen = new Seen();

        @Test
        @Order(1)
        void first() {
            seen.first(FLEET);
        }

        @Test
        @Order(2)
        void second() {
            seen.second(FLEET);
        }
    }
}
