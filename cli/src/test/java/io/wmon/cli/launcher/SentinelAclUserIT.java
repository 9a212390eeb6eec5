package io.wmon.cli.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wmon.cli.shell.ExitCodes;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.topology.Failover;
import io.wmon.test.topology.RedisSentinelDeployment;
import io.wmon.test.topology.RedisSentinelExtension;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.HostAndPort;

/**
 * Sentinels with ACLs: their default user off, an ACL user with its own password (as the sentinels also log
 * in to each other). A real worker JVM with the shaded agent ({@code sentinelUser}, {@code sentinelPasswordFile})
 * and real {@code bin/wmon} processes ({@code --sentinel-user}, {@code WMON_SENTINEL_USER}) reach the master
 * through them and follow a failover; a wrong user, a user without the sentinel commands and a user without a
 * password are each named in one line; no CLI connection is left on any server.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SentinelAclUserIT {

    private static final String USER = "watcher";
    private static final String SENTINEL_PASSWORD = "acl-s3cret";

    @RegisterExtension
    static final RedisSentinelExtension SENTINEL = new RedisSentinelExtension(RedisSentinelDeployment.builder()
            .sentinelPassword(SENTINEL_PASSWORD).sentinelUser(USER));

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    /** As in {@code SentinelFailoverIT}: promotion (~3 s) plus the breaker's first delay, at a 1 s interval. */
    private static final long MAX_MISSED_BEATS = 12;

    @TempDir
    Path dir;

    @Test
    void theAgentAndTheCliLogInAsTheSentinelsAclUserAndFollowAFailover() throws Exception {
        Path password = Files.writeString(dir.resolve("sentinel.pw"), SENTINEL_PASSWORD + "\n");
        AgentArgs agent = AgentArgs.of(SENTINEL.url().replace(",", "\\,"), "acl-a")
                .with("sentinelPasswordFile", password.toString()).with("sentinelUser", USER);
        ChildProcess worker = FLEET.start("worker", FLEET.exampleWorker(Jdk.current()).agent(agent.toString()).args("--stdin"));
        HostAndPort oldMaster = SENTINEL.master();
        await().atMost(ChildProcess.START_TIMEOUT).untilAsserted(() -> assertThat(SentinelChecks.beatAfter(SENTINEL, oldMaster, agent, 0))
                .as(worker::describe).isTrue());
        assertThat(worker.stderr()).contains("sentinelPassword=from sentinelPasswordFile " + password + ", sentinelUser=" + USER)
                .doesNotContain(SENTINEL_PASSWORD);
        String pool = agent.connectionName();
        for (HostAndPort sentinel : SENTINEL.sentinels()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> SENTINEL.probe(sentinel).countClients(pool) == 1);
        }
        assertThat(SENTINEL.probe(oldMaster).countClients(pool)).isBetween(1L, 4L);

        LauncherRun status = LauncherRun.of(FLEET, Map.of(), "-r", SENTINEL.url(), "-n", agent.namespace(),
                "--sentinel-password-file", password.toString(), "--sentinel-user", USER, "status", "--json");
        assertThat(status.exitCode()).as(status.err()).isEqualTo(ExitCodes.OK);
        assertThat(JSON.readTree(status.out()).at("/workers/0/id").asText()).isEqualTo(agent.id());
        LauncherRun fromEnvironment = LauncherRun.of(FLEET, Map.of("WMON_SENTINEL_PASSWORD", SENTINEL_PASSWORD,
                "WMON_SENTINEL_USER", USER), "-r", SENTINEL.url(), "-n", agent.namespace(), "status", "--json");
        assertThat(fromEnvironment.exitCode()).as(fromEnvironment.err()).isEqualTo(ExitCodes.OK);
        SentinelChecks.noCliConnectionLeft(SENTINEL);

        // the password as the default user's, which is off; a user that does not exist
        LauncherRun asDefault = LauncherRun.of(FLEET, Map.of("WMON_SENTINEL_PASSWORD", SENTINEL_PASSWORD), "-r",
                SENTINEL.url(), "-n", agent.namespace(), "status");
        assertThat(asDefault.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(asDefault.err()).startsWith("wmon: the sentinel at " + SENTINEL.sentinels().get(0)
                + " refused the sentinel password: wrong password (WRONGPASS)").contains("--sentinel-user");
        LauncherRun stranger = LauncherRun.of(FLEET, Map.of("WMON_SENTINEL_PASSWORD", SENTINEL_PASSWORD), "-r",
                SENTINEL.url(), "-n", agent.namespace(), "--sentinel-user", "nobody", "status");
        assertThat(stranger.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(stranger.err()).startsWith("wmon: the sentinel at " + SENTINEL.sentinels().get(0)
                + " refused the sentinel credentials of user nobody: wrong password, no such user, or the user is"
                + " disabled (WRONGPASS)");

        // a user that may log in but not ask the sentinels for the master
        for (HostAndPort sentinel : SENTINEL.sentinels()) {
            SENTINEL.probe(sentinel).command("ACL", "SETUSER", "limited", "on", ">limited-pw", "+ping", "+client");
        }
        LauncherRun limited = LauncherRun.of(FLEET, Map.of("WMON_SENTINEL_PASSWORD", "limited-pw",
                "WMON_SENTINEL_USER", "limited"), "-r", SENTINEL.url(), "-n", agent.namespace(), "status");
        assertThat(limited.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(limited.err()).startsWith("wmon: the sentinel at " + SENTINEL.sentinels().get(0) + " refused user limited (NOPERM")
                .contains("wmon needs SENTINEL GET-MASTER-ADDR-BY-NAME and the +switch-master channel there");

        // a user without a password is a usage error, before anything connects
        LauncherRun noPassword = LauncherRun.of(FLEET, Map.of(), "-r", SENTINEL.url(), "-n", agent.namespace(),
                "--sentinel-user", USER, "status");
        assertThat(noPassword.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noPassword.err()).startsWith("wmon: --sentinel-user names the sentinels' ACL user watcher, but no"
                + " sentinel password is given (--sentinel-password-file or WMON_SENTINEL_PASSWORD)");
        for (LauncherRun run : new LauncherRun[] {asDefault, stranger, limited, noPassword}) {
            assertThat(run.err().lines()).as(run.err()).hasSize(1);
            assertThat(run.err()).doesNotContain(SENTINEL_PASSWORD).doesNotContain("limited-pw");
        }
        SentinelChecks.noCliConnectionLeft(SENTINEL);

        // a failover, which the sentinels agree on as that user too
        MBeanServerConnection jmx = worker.jmx();
        long failedBefore = (Long) jmx.getAttribute(AgentBeanNames.WORKER, "HeartbeatFailureCount");
        SENTINEL.killMaster();
        Failover failover = SENTINEL.deployment().awaitFailover(Duration.ofSeconds(60));
        long promoted = System.currentTimeMillis();
        await().atMost(Duration.ofSeconds(30)).until(() -> SentinelChecks.beatAfter(SENTINEL, failover.newMaster(), agent, promoted));
        long failed = (Long) jmx.getAttribute(AgentBeanNames.WORKER, "HeartbeatFailureCount") - failedBefore;
        assertThat(failed).as("beats missed over the failover").isLessThanOrEqualTo(MAX_MISSED_BEATS);
        System.out.printf("[figure] sentinel failover with an ACL user: promoted %d ms after the kill; %d beats failed%n",
                failover.promotedAfter().toMillis(), failed);
    }
}
