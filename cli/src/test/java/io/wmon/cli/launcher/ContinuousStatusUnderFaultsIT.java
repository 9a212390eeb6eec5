package io.wmon.cli.launcher;

import static io.wmon.cli.TestFleet.worker;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wmon.cli.CliResult;
import io.wmon.cli.TestFleet;
import io.wmon.cli.shell.ExitCodes;
import io.wmon.core.record.WorkerState;
import io.wmon.test.ClientInfo;
import io.wmon.test.RedisProbe;
import io.wmon.test.RedisServerExtension;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.ChildProcesses;
import io.wmon.test.jvm.ProcessCommand;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ClientKillParams;

/**
 * {@code bin/wmon status --continuous --json} while the server closes its one connection between
 * cycles for 20 s: a {@code CLIENT KILL} of it every second under a 1 s interval, and Redis's
 * {@code timeout 2} under a 3.5 s interval. The closed connection is replaced and the read runs
 * again, so no cycle shows an error and each process holds one connection at most.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ContinuousStatusUnderFaultsIT {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @RegisterExtension
    final ChildProcesses processes = new ChildProcesses();

    private static final String NS = "storm";
    private static final Duration STORM = Duration.ofSeconds(20);
    private static final Duration KILL_EVERY = Duration.ofSeconds(1);
    private static final String CLI_PREFIX = "wmon:cli:" + NS + ":";

    @Test
    void noCycleFailsWhileTheServerClosesTheConnection() throws Exception {
        new TestFleet(REDIS.url(), NS).write(worker("w1", System.currentTimeMillis(), WorkerState.IDLE).build());
        try (Jedis admin = new Jedis(new HostAndPort(REDIS.host(), REDIS.port()), DefaultJedisClientConfig.builder()
                .clientName(RedisProbe.HARNESS_NAME_PREFIX + "admin").build())) {
            String timeout = admin.configGet("timeout").get("timeout");
            admin.configSet("timeout", "2");
            try {
                // A cycle a second, its connection killed; one every 3.5 s, its idle connection closed by the timeout.
                ChildProcess fast = start("fast", "1", cycles(Duration.ofSeconds(1)));
                ChildProcess slow = start("slow", "3.5", cycles(Duration.ofMillis(3_500)));
                fast.awaitStdout("^\\{", Duration.ofSeconds(30));
                slow.awaitStdout("^\\{", Duration.ofSeconds(30));

                Map<Long, Long> killed = new HashMap<>();
                Map<Long, Long> mostAtOnce = new HashMap<>();
                Map<Long, Set<Long>> connectionIds = new HashMap<>();
                long end = System.nanoTime() + STORM.toNanos();
                while (System.nanoTime() < end && (fast.isAlive() || slow.isAlive())) {
                    Map<Long, Long> now = new HashMap<>();
                    for (ClientInfo client : ClientInfo.parseList(admin.clientList())) {
                        if (client.name().startsWith(CLI_PREFIX)) {
                            long pid = Long.parseLong(client.name().substring(CLI_PREFIX.length()));
                            now.merge(pid, 1L, Long::sum);
                            connectionIds.computeIfAbsent(pid, p -> new HashSet<>()).add(client.id());
                            if (pid == fast.pid()) {
                                killed.merge(pid, admin.clientKill(ClientKillParams.clientKillParams()
                                        .id(Long.toString(client.id()))), Long::sum);
                            }
                        }
                    }
                    now.forEach((pid, count) -> mostAtOnce.merge(pid, count, Math::max));
                    Thread.sleep(KILL_EVERY.toMillis());
                }

                assertThat(killed.getOrDefault(fast.pid(), 0L)).as("fast: its connection killed").isGreaterThanOrEqualTo(10);
                for (ChildProcess wmon : List.of(fast, slow)) {
                    assertThat(wmon.awaitExit(Duration.ofSeconds(30))).as(wmon.describe()).isEqualTo(ExitCodes.OK);
                    List<JsonNode> frames = wmon.stdout().lines().filter(line -> !line.isBlank()).map(CliResult::parse)
                            .toList();
                    long errors = frames.stream().filter(frame -> frame.has("error")).count();
                    System.out.println("[figure] cli_closed_connections." + wmon.name() + ".frames=" + frames.size());
                    System.out.println("[figure] cli_closed_connections." + wmon.name() + ".error_frames=" + errors);
                    int connections = connectionIds.getOrDefault(wmon.pid(), Set.of()).size();
                    System.out.println("[figure] cli_closed_connections." + wmon.name() + ".connections_killed="
                            + killed.getOrDefault(wmon.pid(), 0L));
                    System.out.println("[figure] cli_closed_connections." + wmon.name() + ".connections_seen=" + connections);
                    assertThat(frames).as(wmon.name()).allSatisfy(frame -> {
                        assertThat(frame.has("error")).as("error frame: %s", frame).isFalse();
                        assertThat(frame.get("summary").get("workers").asInt()).isEqualTo(1);
                    });
                    // Each connection the server closed was replaced by the next cycle: one new connection per cycle.
                    assertThat(connections).as("%s: connections seen, one after the other", wmon.name())
                            .isGreaterThanOrEqualTo(frames.size() / 2);
                    assertThat(mostAtOnce.getOrDefault(wmon.pid(), 0L)).as("%s: connections at once", wmon.name())
                            .isEqualTo(1);
                    assertThat(wmon.stderr()).as(wmon.name()).isEmpty();
                }
            } finally {
                admin.configSet("timeout", timeout);
            }
        }
    }

    /** As many cycles as fit in the storm at {@code interval}, plus the first. */
    private static long cycles(Duration interval) {
        return STORM.toMillis() / interval.toMillis() + 1;
    }

    private ChildProcess start(String name, String interval, long cycles) {
        return processes.start(name, ProcessCommand.of(LauncherIT.LAUNCHER, "-r", REDIS.url(), "-n", NS, "status",
                "--continuous", "--json", "--interval", interval, "--max-cycles", Long.toString(cycles)).stdinFromNull());
    }
}
