package io.wmon.cli.command.status;

import static io.wmon.cli.TestFleet.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wmon.cli.Cli;
import io.wmon.cli.CliResult;
import io.wmon.cli.TestFleet;
import io.wmon.cli.fleetview.StopSignal;
import io.wmon.cli.shell.ExitCodes;
import io.wmon.core.record.WorkerState;
import io.wmon.core.redis.SharedPoolRegistry;
import io.wmon.test.RedisProbe;
import io.wmon.test.RedisServerExtension;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * {@code status --continuous} holds one connection for the whole run, the founding bug of wmon
 * being a monitor that opened a new connection every cycle, and rides out a Redis outage.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ContinuousStatusTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String NS = "loop";

    private TestFleet fleet;

    @BeforeEach
    void fleetOfThree() {
        REDIS.flushAll();
        fleet = new TestFleet(REDIS.url(), NS);
        long now = System.currentTimeMillis();
        fleet.write(worker("a", now, WorkerState.BUSY).build(), worker("b", now, WorkerState.IDLE).build(),
                worker("c", now - 60_000, WorkerState.IDLE).build());
    }

    /** Regression: a monitor that opens a connection per refresh exhausts Redis (max number of clients reached). */
    @Test
    void twoHundredCyclesHoldExactlyOneCliConnectionAndOpenOnlyOne() throws Exception {
        RedisProbe probe = REDIS.probe();
        long connectionsBefore = connectionsReceived(probe);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong maxSeen = new AtomicLong();
        AtomicLong samples = new AtomicLong();
        CompletableFuture<Void> sampler = CompletableFuture.runAsync(() -> {
            while (running.get()) {
                maxSeen.accumulateAndGet(probe.countClients("wmon:cli:"), Math::max);
                samples.incrementAndGet();
            }
        });

        CliResult result = Cli.run("-r", REDIS.url(), "-n", NS, "status", "--continuous", "--json",
                "--interval", "0.01", "--max-cycles", "200");

        running.set(false);
        sampler.get(10, TimeUnit.SECONDS);
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        List<JsonNode> docs = result.jsonLines();
        assertThat(docs).hasSize(200).allSatisfy(doc -> {
            assertThat(doc.get("summary").get("workers").asInt()).isEqualTo(3);
            assertThat(doc.get("summary").get("stale").asInt()).isEqualTo(1);
        });
        assertThat(samples.get()).isGreaterThan(10);
        assertThat(maxSeen.get()).isEqualTo(1);
        // The writer's connection (before the run) was the last one opened besides the command's own.
        assertThat(connectionsReceived(probe) - connectionsBefore).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> probe.countClients("wmon:cli:") == 0);
        assertThat(SharedPoolRegistry.jvm().openPoolCount()).isZero();
    }

    @Test
    void pipedTableModePrintsOneBlockPerCycle() {
        CliResult result = Cli.run("-r", REDIS.url(), "-n", NS, "status", "-c", "-i", "0.01", "--max-cycles", "5");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        String[] blocks = result.out().split("\n\n");
        assertThat(blocks).hasSize(5).allSatisfy(block -> assertThat(block)
                .startsWith(NS + " @ " + REDIS.url() + ": 3 workers").doesNotContain("\u001b["));
    }

    @Test
    void anOutageIsShownAndTheSameClientRecoversByItself() throws Exception {
        StopSignal stop = new StopSignal();
        StringWriter out = new StringWriter();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong maxPools = new AtomicLong();
        CompletableFuture<Void> poolSampler = CompletableFuture.runAsync(() -> {
            while (running.get()) {
                maxPools.accumulateAndGet(SharedPoolRegistry.jvm().openPoolCount(), Math::max);
                Thread.onSpinWait();
            }
        });
        CompletableFuture<CliResult> run = CompletableFuture.supplyAsync(() -> Cli.run(
                commandLine -> ((StatusCommand) commandLine.getSubcommands().get("status").getCommand()).stopOn(stop),
                out, "-r", REDIS.url(), "-n", NS, "status", "-c", "--json", "-i", "0.02"));

        await().atMost(Duration.ofSeconds(20)).until(() -> docs(out).size() >= 3);
        REDIS.stop();
        await().atMost(Duration.ofSeconds(20)).until(() -> docs(out).stream().anyMatch(doc -> doc.has("error")));
        REDIS.start();
        fleet.write(worker("back", System.currentTimeMillis(), WorkerState.IDLE).build());
        await().atMost(Duration.ofSeconds(20)).until(() -> docs(out).stream().anyMatch(doc ->
                doc.has("workers") && doc.get("workers").size() == 1
                        && doc.get("workers").get(0).get("id").asText().equals("back")));
        await().atMost(Duration.ofSeconds(10)).until(() -> REDIS.probe().countClients("wmon:cli:") == 1);
        stop.request();
        CliResult result = run.get(20, TimeUnit.SECONDS);
        running.set(false);
        poolSampler.get(5, TimeUnit.SECONDS);

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        JsonNode outage = docs(out).stream().filter(doc -> doc.has("error")).findFirst().orElseThrow();
        assertThat(outage.get("error").asText()).startsWith("cannot reach Redis at " + REDIS.url());
        assertThat(outage.get("namespace").asText()).isEqualTo(NS);
        // Redis restarts empty: a cycle may find the namespace empty before "back" is written, and say so.
        assertThat(result.errLines()).allSatisfy(line -> assertThat(line)
                .startsWith("wmon: namespace '" + NS + "' has no workers"));
        // One pool (one client object) for the whole run, outage included: recovered, never rebuilt.
        assertThat(maxPools.get()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> REDIS.probe().countClients("wmon:cli:") == 0);
    }

    /** Regression: {@code ERR max number of clients reached} ended the continuous view, the moment it was needed. */
    @Test
    void maxclientsReachedIsAFrameAndTheLoopGoesOn() {
        // The admin connection is opened first: with every slot taken, no new one could restore the limit.
        try (Jedis admin = new Jedis(REDIS.host(), REDIS.port())) {
            String original = admin.configGet("maxclients").get("maxclients");
            admin.configSet("maxclients", Long.toString(REDIS.probe().clients().size()));
            try {
                CliResult result = Cli.run("-r", REDIS.url(), "-n", NS, "status", "-c", "--json", "-i", "0.05",
                        "--max-cycles", "3");

                assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
                assertThat(result.jsonLines()).hasSize(3).allSatisfy(doc ->
                        assertThat(doc.get("error").asText()).contains("max number of clients reached (maxclients)"));
            } finally {
                admin.configSet("maxclients", original);
            }
        }
    }

    @Test
    void aDatabaseTheServerDoesNotHaveEndsTheLoopWithExit2() {
        CliResult result = Cli.run("-r", REDIS.url() + "/99", "-n", NS, "status", "-c", "-i", "0.05",
                "--max-cycles", "3");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errorLine()).contains("has no database 99");
    }

    @Test
    void pipedTableModeShowsTheOutageAsALine() {
        REDIS.stop();
        try {
            CliResult result = Cli.run("-r", REDIS.url(), "-n", NS, "status", "-c", "-i", "0.01", "--max-cycles", "2");

            assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
            assertThat(result.out().lines().filter(line -> !line.isEmpty()).toList()).hasSize(2).allSatisfy(line ->
                    assertThat(line).startsWith("Redis unreachable: cannot reach Redis at " + REDIS.url())
                            .endsWith("retrying every 0.01s"));
        } finally {
            REDIS.start();
        }
    }

    private static List<JsonNode> docs(StringWriter out) {
        String text = out.toString();
        int complete = text.lastIndexOf('\n');
        return complete < 0 ? List.of()
                : text.substring(0, complete).lines().filter(line -> !line.isBlank()).map(CliResult::parse).toList();
    }

    private static long connectionsReceived(RedisProbe probe) {
        return probe.info("stats").lines().filter(line -> line.startsWith("total_connections_received:"))
                .mapToLong(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).trim())).findFirst()
                .orElseThrow();
    }
}
