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
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A Sentinel deployment whose master and sentinels each require a password of their own (the master's
 * {@code requirepass} in the URL, the sentinels' in a file): a real worker JVM with the shaded agent
 * ({@code sentinelPasswordFile}) and the CLI ({@code --sentinel-password-file}) find the master through the
 * sentinels, hold the connections they should on the master and on each sentinel, say which sentinel refused
 * when the sentinels' password is missing or wrong, and follow a failover. The CLI runs as {@code bin/wmon}
 * processes, as users run it: a process's connections end with it. (Run in this JVM, a client closed within
 * milliseconds of its start can keep a sentinel subscription: Jedis 8.0's sentinel listener sets itself
 * running when its thread starts, so a shutdown before that is lost.)
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SentinelPasswordIT {

    private static final String MASTER_PASSWORD = "m4ster-s3cret";
    private static final String SENTINEL_PASSWORD = "s3ntinel-s3cret";

    @RegisterExtension
    static final RedisSentinelExtension SENTINEL = new RedisSentinelExtension(RedisSentinelDeployment.builder()
            .dataPassword(MASTER_PASSWORD).sentinelPassword(SENTINEL_PASSWORD));

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectName WORKER = AgentBeanNames.WORKER;
    /** As in {@code SentinelFailoverIT}: promotion (~3 s) plus the breaker's first delay, at a 1 s interval. */
    private static final long MAX_MISSED_BEATS = 12;

    @TempDir
    Path dir;

    /** The deployment's URL with the master's password, as a user writes it. */
    private static String url() {
        return SENTINEL.url().replace("redis-sentinel://", "redis-sentinel://:" + MASTER_PASSWORD + "@");
    }

    @Test
    void theAgentAndTheCliAuthenticateToTheSentinelsApartFromTheMasterAndFollowAFailover() throws Exception {
        Path sentinelPassword = Files.writeString(dir.resolve("sentinel.pw"), SENTINEL_PASSWORD + "\n");
        AgentArgs agent = AgentArgs.of(url().replace(",", "\\,"), "guarded-a")
                .with("sentinelPasswordFile", sentinelPassword.toString());
        ChildProcess worker = FLEET.start("worker", FLEET.exampleWorker(Jdk.current()).agent(agent.toString()).args("--stdin"));
        HostAndPort oldMaster = SENTINEL.master();
        await().atMost(ChildProcess.START_TIMEOUT).until(() -> SentinelChecks.beatAfter(SENTINEL, oldMaster, agent, 0));
        assertThat(worker.stderr()).contains("sentinelPassword=from sentinelPasswordFile " + sentinelPassword)
                .doesNotContain(SENTINEL_PASSWORD).doesNotContain(MASTER_PASSWORD);

        // the agent: its pool on the master, one +switch-master subscription on each sentinel, named like the pool
        String pool = agent.connectionName();
        assertThat(SENTINEL.probe(oldMaster).countClients(pool)).isBetween(1L, 4L);
        for (HostAndPort sentinel : SENTINEL.sentinels()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> SENTINEL.probe(sentinel).countClients(pool) == 1);
        }

        LauncherRun status = LauncherRun.of(FLEET, Map.of(), "-r", url(), "-n", agent.namespace(),
                "--sentinel-password-file", sentinelPassword.toString(), "status", "--json");
        assertThat(status.exitCode()).as(status.err()).isEqualTo(ExitCodes.OK);
        assertThat(JSON.readTree(status.out()).at("/workers/0/id").asText()).isEqualTo(agent.id());
        assertThat(status.out() + status.err()).doesNotContain(SENTINEL_PASSWORD).doesNotContain(MASTER_PASSWORD);
        SentinelChecks.noCliConnectionLeft(SENTINEL);

        // the sentinels' password missing or wrong: the sentinel that refused is named, exit 3, nothing left open
        LauncherRun none = LauncherRun.of(FLEET, Map.of(), "-r", url(), "-n", agent.namespace(), "status");
        assertThat(none.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(none.err()).startsWith("wmon: the sentinel at " + SENTINEL.sentinels().get(0)
                + " refused the connection: it requires a password and none was given (NOAUTH);"
                + " the sentinels' password (their requirepass) comes from wmon --sentinel-password-file FILE");
        assertThat(none.err().lines()).hasSize(1);
        LauncherRun refused = LauncherRun.of(FLEET, Map.of("WMON_SENTINEL_PASSWORD", "not-it"), "-r", url(),
                "-n", agent.namespace(),
                "status", "--json");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(refused.err()).contains("refused the sentinel password: wrong password (WRONGPASS)")
                .doesNotContain("not-it");
        SentinelChecks.noCliConnectionLeft(SENTINEL);

        // a failover: the agent follows the promoted replica, authenticating to it with the master's password
        MBeanServerConnection jmx = worker.jmx();
        long failedBefore = (Long) jmx.getAttribute(WORKER, "HeartbeatFailureCount");
        SENTINEL.killMaster();
        Failover failover = SENTINEL.deployment().awaitFailover(Duration.ofSeconds(60));
        HostAndPort newMaster = failover.newMaster();
        long promoted = System.currentTimeMillis();
        await().atMost(Duration.ofSeconds(30)).until(() -> SentinelChecks.beatAfter(SENTINEL, newMaster, agent, promoted));
        long failed = (Long) jmx.getAttribute(WORKER, "HeartbeatFailureCount") - failedBefore;
        assertThat(failed).as("beats missed over the failover").isLessThanOrEqualTo(MAX_MISSED_BEATS);
        assertThat(SENTINEL.probe(newMaster).countClients(pool)).isBetween(1L, 4L);

        LauncherRun after = LauncherRun.of(FLEET, Map.of("WMON_SENTINEL_PASSWORD", SENTINEL_PASSWORD), "-r", url(),
                "-n", agent.namespace(),
                "status", "--json");
        assertThat(after.exitCode()).as(after.err()).isEqualTo(ExitCodes.OK);
        assertThat(JSON.readTree(after.out()).at("/summary/alive").asInt()).isEqualTo(1);
        SentinelChecks.noCliConnectionLeft(SENTINEL);
        System.out.printf("[figure] sentinel failover with passwords: promoted %d ms after the kill; %d beats failed%n",
                failover.promotedAfter().toMillis(), failed);
    }
}
