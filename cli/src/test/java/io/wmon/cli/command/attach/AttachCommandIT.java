package io.wmon.cli.command.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wmon.cli.jvm.AttachedVm;
import io.wmon.cli.shell.ExitCodes;
import io.wmon.test.RedisServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/** {@code wmon attach} against real JVMs started without the agent, with the built agent jar. */
@Timeout(120)
class AttachCommandIT {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private final List<TargetJvm> jvms = new ArrayList<>();

    @AfterEach
    void stopJvms() {
        jvms.forEach(TargetJvm::close);
    }

    /** The Java 21+ JDK installed here, if any: where JEP 451 applies to dynamically loaded agents. */
    private static final Path NEWER_JDK = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    private TargetJvm plainJvm() {
        return track(TargetJvm.start(List.of()));
    }

    private TargetJvm track(TargetJvm jvm) {
        jvms.add(jvm);
        return jvm;
    }

    private static String agentVersionOf(long pid) {
        try (AttachedVm vm = AttachedVm.attach(pid)) {
            return vm.agentVersion().orElse(null);
        }
    }

    @Test
    void loadsTheAgentWhichThenHeartbeatsAndStopsItAgain() {
        TargetJvm jvm = plainJvm();
        String pid = Long.toString(jvm.pid());

        // --redis and --namespace of wmon itself reach the agent; the agent jar is found in the source tree.
        WmonRun loaded = WmonRun.of("-r", REDIS.url(), "-n", "att", "attach", pid, "id=w-attach", "interval=1s");

        assertThat(loaded.exitCode()).as(loaded.err()).isEqualTo(ExitCodes.OK);
        assertThat(loaded.out()).startsWith("wmon agent loaded into pid " + pid);
        assertThat(agentVersionOf(jvm.pid())).isNotBlank();
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(jedis.zrange("wmon:{att}:workers", 0, -1)).contains("w-attach");
                assertThat(jedis.hget("wmon:{att}:worker:w-attach", "pid")).isEqualTo(pid);
            });
        }

        WmonRun again = WmonRun.of("attach", pid);
        assertThat(again.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(again.out()).contains("already running");

        WmonRun stopped = WmonRun.of("attach", pid, "--stop");
        assertThat(stopped.exitCode()).as(stopped.err()).isEqualTo(ExitCodes.OK);
        assertThat(stopped.out()).startsWith("wmon agent stopped in pid " + pid);
        assertThat(agentVersionOf(jvm.pid())).isNull();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(REDIS.probe().countClients("wmon:agent:att:w-attach")).isZero());
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
            assertThat(jedis.hget("wmon:{att}:worker:w-attach", "state")).isEqualTo("stopped");
        }

        WmonRun nothingToStop = WmonRun.of("attach", pid, "--stop");
        assertThat(nothingToStop.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(nothingToStop.out()).contains("not running");
    }

    @Test
    void optionsTheAgentRefusesAreReportedAsNotStarted() {
        TargetJvm jvm = plainJvm();

        WmonRun refused = WmonRun.of("attach", Long.toString(jvm.pid()), "--agent-jar",
                TargetJvm.agentJar().toString(), "redis=" + REDIS.url(), "interval=0s");

        assertThat(refused.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(refused.errLines()).hasSize(1);
        assertThat(refused.err()).contains("not running").contains("log");
        assertThat(agentVersionOf(jvm.pid())).isNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> jvm.output().contains("interval"));
    }

    @Test
    void onJava21AndLaterTheUserHearsAboutTheDynamicLoadingWarning() {
        assumeTrue(Files.isExecutable(NEWER_JDK.resolve("bin/java")), "needs a Java 21+ JDK at " + NEWER_JDK);
        TargetJvm jvm = track(TargetJvm.start(NEWER_JDK, List.of()));
        String pid = Long.toString(jvm.pid());

        WmonRun loaded = WmonRun.of("attach", pid, "redis=" + REDIS.url(), "namespace=j25", "id=w-25");

        assertThat(loaded.exitCode()).as(loaded.err()).isEqualTo(ExitCodes.OK);
        assertThat(loaded.out()).startsWith("wmon agent loaded into pid " + pid);
        assertThat(loaded.errLines()).singleElement().asString().contains("JEP 451")
                .contains("-XX:+EnableDynamicAgentLoading");
        await().atMost(Duration.ofSeconds(10)).until(() -> jvm.output().contains("loaded dynamically"));
        assertThat(WmonRun.of("attach", pid, "--stop").exitCode()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aJvmThatForbidsDynamicAgentsSaysHowToLoadIt() {
        assumeTrue(Files.isExecutable(NEWER_JDK.resolve("bin/java")), "needs a Java 21+ JDK at " + NEWER_JDK);
        TargetJvm jvm = track(TargetJvm.start(NEWER_JDK, List.of("-XX:-EnableDynamicAgentLoading")));

        WmonRun refused = WmonRun.of("attach", Long.toString(jvm.pid()), "redis=" + REDIS.url());

        assertThat(refused.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(refused.errLines()).hasSize(1);
        assertThat(refused.err()).contains("-javaagent");
    }

    @Test
    void unknownPidIsOneLineAndExit3() {
        long unused = unusedPid();

        WmonRun run = WmonRun.of("attach", Long.toString(unused));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.errLines()).containsExactly("wmon: no JVM with pid " + unused);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void usageMistakesExit2BeforeAttaching() {
        assertThat(WmonRun.of("attach", "123", "not-an-option").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(WmonRun.of("attach", "123", "--stop", "id=x").exitCode()).isEqualTo(ExitCodes.USAGE);
        WmonRun noJar = WmonRun.of("attach", "123", "--agent-jar", "/nonexistent/wmon-agent.jar");
        assertThat(noJar.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noJar.errLines()).hasSize(1);
    }

    @Test
    void aPidThatIsNoNumberExits2() {
        assumeTrue(WmonRun.parseErrorsExitUsage(), "Wmon.commandLine() maps picocli usage errors to 1 on this branch");

        assertThat(WmonRun.of("attach", "abc").exitCode()).isEqualTo(ExitCodes.USAGE);
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
