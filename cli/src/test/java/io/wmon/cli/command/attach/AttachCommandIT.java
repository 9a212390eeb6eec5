package io.wmon.cli.command.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wmon.cli.Cli;
import io.wmon.cli.CliResult;
import io.wmon.cli.TestFleet;
import io.wmon.cli.fixture.TargetJvmMain;
import io.wmon.cli.shell.ExitCodes;
import io.wmon.test.RedisServerExtension;
import io.wmon.test.jvm.Artifacts;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.ChildProcesses;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.jvm.JvmCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** {@code wmon attach} against real JVMs started without the agent, with the built agent jar. */
@Timeout(120)
class AttachCommandIT {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @RegisterExtension
    final ChildProcesses processes = new ChildProcesses();

    private ChildProcess plainJvm() {
        return targetJvm(Jdk.current());
    }

    /** A {@link TargetJvmMain} without the agent on {@code jdk}, once it runs; closed after the test. */
    private ChildProcess targetJvm(Jdk jdk, String... jvmFlags) {
        ChildProcess jvm = processes.start("target", JvmCommand.on(jdk).jvmFlag(jvmFlags).mainClass(TargetJvmMain.class));
        jvm.awaitStdout(TargetJvmMain.READY, ChildProcess.START_TIMEOUT);
        return jvm;
    }

    private static String agentVersionOf(ChildProcess jvm) {
        return jvm.systemProperties().getProperty("wmon.agent.version");
    }

    @Test
    void loadsTheAgentWhichThenHeartbeatsAndStopsItAgain() {
        ChildProcess jvm = plainJvm();
        String pid = Long.toString(jvm.pid());

        // --redis and --namespace of wmon itself reach the agent; the agent jar is found in the source tree.
        CliResult loaded = Cli.run("-r", REDIS.url(), "-n", "att", "attach", pid, "id=w-attach", "interval=1s");

        assertThat(loaded.exitCode()).as(loaded.err()).isEqualTo(ExitCodes.OK);
        assertThat(loaded.out()).startsWith("wmon agent loaded into pid " + pid);
        assertThat(agentVersionOf(jvm)).isNotBlank();
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(jedis.zrange("wmon:{att}:workers", 0, -1)).contains("w-attach");
                assertThat(jedis.hget("wmon:{att}:worker:w-attach", "pid")).isEqualTo(pid);
            });
        }

        CliResult again = Cli.run("attach", pid);
        assertThat(again.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(again.out()).contains("already running");

        CliResult stopped = Cli.run("attach", pid, "--stop");
        assertThat(stopped.exitCode()).as(stopped.err()).isEqualTo(ExitCodes.OK);
        assertThat(stopped.out()).startsWith("wmon agent stopped in pid " + pid);
        assertThat(agentVersionOf(jvm)).isNull();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(REDIS.probe().countClients("wmon:agent:att:w-attach")).isZero());
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
            assertThat(jedis.hget("wmon:{att}:worker:w-attach", "state")).isEqualTo("stopped");
        }

        CliResult nothingToStop = Cli.run("attach", pid, "--stop");
        assertThat(nothingToStop.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(nothingToStop.out()).contains("not running");
    }

    /**
     * Regression: words were joined with bare commas, so a comma inside a value split the option
     * (and attach refused it outside redis=). The password {@code pa,ss} must reach the agent whole.
     */
    @Test
    void aCommaInsideAnOptionReachesTheAgentWhole() {
        TestFleet.admin(REDIS.url(), jedis -> jedis.aclSetUser("comma", "reset", "on", ">pa,ss", "~*", "&*", "+@all"));
        try {
            ChildProcess jvm = plainJvm();
            String url = REDIS.url().replace("redis://", "redis://comma:pa,ss@");

            CliResult loaded = Cli.run("attach", Long.toString(jvm.pid()), "redis=" + url, "namespace=comma",
                    "id=w-comma", "interval=1s");

            assertThat(loaded.exitCode()).as(loaded.err()).isEqualTo(ExitCodes.OK);
            try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThat(jedis.hget("wmon:{comma}:worker:w-comma", "pid")).isEqualTo(Long.toString(jvm.pid())));
            }
            assertThat(REDIS.probe().clients()).anyMatch(client -> "wmon:agent:comma:w-comma".equals(client.name())
                    && "comma".equals(client.fields().get("user")));
            assertThat(Cli.run("attach", Long.toString(jvm.pid()), "--stop").exitCode()).isEqualTo(ExitCodes.OK);
        } finally {
            TestFleet.admin(REDIS.url(), jedis -> jedis.aclDelUser("comma"));
        }
    }

    /** wmon's own --password-file goes to the agent as passwordFile=, with an absolute path. */
    @Test
    void thePasswordFileOfWmonItselfIsHandedOn(@TempDir Path dir) throws IOException {
        TestFleet.admin(REDIS.url(), jedis -> jedis.aclSetUser("filed", "reset", "on", ">fr0m-a-file", "~*", "&*",
                "+@all"));
        try {
            ChildProcess jvm = plainJvm();
            Path file = Files.writeString(dir.resolve("redis.pw"), "fr0m-a-file\n");

            // redis://filed@host would mean the password "filed"; the user alone is written filed:
            CliResult loaded = Cli.run("-r", REDIS.url().replace("redis://", "redis://filed:@"), "-n", "filed",
                    "--password-file", file.toString(), "attach", Long.toString(jvm.pid()), "id=w-filed",
                    "interval=1s");

            assertThat(loaded.exitCode()).as(loaded.err()).isEqualTo(ExitCodes.OK);
            try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThat(jedis.hget("wmon:{filed}:worker:w-filed", "id")).isEqualTo("w-filed"));
            }
            assertThat(jvm.stderr()).contains("password=from passwordFile " + file).doesNotContain("fr0m-a-file");
            assertThat(REDIS.probe().clients()).anyMatch(client -> "wmon:agent:filed:w-filed".equals(client.name())
                    && "filed".equals(client.fields().get("user")));
            assertThat(Cli.run("attach", Long.toString(jvm.pid()), "--stop").exitCode()).isEqualTo(ExitCodes.OK);
        } finally {
            TestFleet.admin(REDIS.url(), jedis -> jedis.aclDelUser("filed"));
        }
    }

    /** Regression: this said "refused its options … see that JVM's log" instead of the agent's own reason. */
    @Test
    void optionsTheAgentRefusesAreReportedWithTheAgentsReason() {
        ChildProcess jvm = plainJvm();
        String pid = Long.toString(jvm.pid());

        CliResult typo = Cli.run("attach", pid, "--agent-jar", Artifacts.agentJar().toString(), "namespce=x");
        CliResult badValue = Cli.run("attach", pid, "redis=redis://ops:Pa55,word@" + REDIS.host() + ":" + REDIS.port(),
                "interval=0s");

        assertThat(typo.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(typo.errorLine()).isEqualTo("the wmon agent refused to start in pid " + pid
                + ": unknown key 'namespce'; did you mean namespace?");
        assertThat(badValue.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(badValue.errorLine()).startsWith("the wmon agent refused to start in pid " + pid + ": interval=")
                .doesNotContain("Pa55");
        assertThat(agentVersionOf(jvm)).isNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> jvm.stderr().contains("namespce"));
    }

    /** The reason is the last start's: a good start clears it, and a later refusal shows its own. */
    @Test
    void aGoodStartClearsTheReasonTheAgentLeft() {
        ChildProcess jvm = plainJvm();
        String pid = Long.toString(jvm.pid());
        assertThat(Cli.run("attach", pid, "namespce=x").exitCode()).isEqualTo(ExitCodes.UNREACHABLE);

        CliResult loaded = Cli.run("-r", REDIS.url(), "attach", pid, "id=w-clear", "interval=1s");

        assertThat(loaded.exitCode()).as(loaded.err()).isEqualTo(ExitCodes.OK);
        assertThat(jvm.systemProperties().getProperty("wmon.agent.error")).isNull();
        assertThat(Cli.run("attach", pid, "--stop").exitCode()).isEqualTo(ExitCodes.OK);
        CliResult again = Cli.run("attach", pid, "redis=redis-cluster://h1:7000,h2:7001/3");
        // The comma reached the agent inside the one value: its refusal quotes the whole URL.
        assertThat(again.errorLine()).startsWith("the wmon agent refused to start in pid " + pid
                + ": redis: invalid Redis URL 'redis-cluster://h1:7000,h2:7001/3' (Redis Cluster has database 0 only)");
    }

    @Test
    void onJava21AndLaterTheUserHearsAboutTheDynamicLoadingWarning() {
        ChildProcess jvm = targetJvm(Jdk.java25().assumeInstalled());
        String pid = Long.toString(jvm.pid());

        CliResult loaded = Cli.run("attach", pid, "redis=" + REDIS.url(), "namespace=j25", "id=w-25");

        assertThat(loaded.exitCode()).as(loaded.err()).isEqualTo(ExitCodes.OK);
        assertThat(loaded.out()).startsWith("wmon agent loaded into pid " + pid);
        assertThat(loaded.errLines()).singleElement().asString().contains("JEP 451")
                .contains("-XX:+EnableDynamicAgentLoading");
        await().atMost(Duration.ofSeconds(10)).until(() -> jvm.stderr().contains("loaded dynamically"));
        assertThat(Cli.run("attach", pid, "--stop").exitCode()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aJvmThatForbidsDynamicAgentsSaysHowToLoadIt() {
        ChildProcess jvm = targetJvm(Jdk.java25().assumeInstalled(), "-XX:-EnableDynamicAgentLoading");

        CliResult refused = Cli.run("attach", Long.toString(jvm.pid()), "redis=" + REDIS.url());

        assertThat(refused.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(refused.errLines()).hasSize(1);
        assertThat(refused.err()).contains("-javaagent");
    }

    @Test
    void unknownPidIsOneLineAndExit3() {
        long unused = unusedPid();

        CliResult run = Cli.run("attach", Long.toString(unused));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.errLines()).containsExactly("wmon: no JVM with pid " + unused);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void usageMistakesExit2BeforeAttaching() {
        assertThat(Cli.run("attach", "123", "not-an-option").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run("attach", "123", "--stop", "id=x").exitCode()).isEqualTo(ExitCodes.USAGE);
        CliResult noJar = Cli.run("attach", "123", "--agent-jar", "/nonexistent/wmon-agent.jar");
        assertThat(noJar.exitCode()).isEqualTo(ExitCodes.USAGE);
        // Regression: this said "pass --agent-jar PATH" although it was passed.
        assertThat(noJar.errorLine()).isEqualTo("--agent-jar /nonexistent/wmon-agent.jar: no such file; "
                + "give the path of wmon-agent.jar");
    }

    @Test
    void aPidThatIsNoNumberExits2() {
        assertThat(Cli.run("attach", "abc").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    /** A pid no process has right now. */
    static long unusedPid() {
        long pid = 4_000_000;
        while (ProcessHandle.of(pid).isPresent()) {
            pid--;
        }
        return pid;
    }
}
