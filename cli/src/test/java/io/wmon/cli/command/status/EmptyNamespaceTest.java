package io.wmon.cli.command.status;

import static io.wmon.cli.TestFleet.worker;
import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.cli.Cli;
import io.wmon.cli.CliResult;
import io.wmon.cli.TestFleet;
import io.wmon.cli.shell.ExitCodes;
import io.wmon.core.record.WorkerState;
import io.wmon.test.RedisProbe;
import io.wmon.test.RedisServerExtension;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An empty or misspelt namespace says so on stderr and names the namespaces that have workers: a
 * bounded SCAN on the command's one connection, and only when the namespace is empty.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmptyNamespaceTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @BeforeEach
    void twoFleets() {
        REDIS.flushAll();
        long now = System.currentTimeMillis();
        new TestFleet(REDIS.url(), "prod").write(worker("p-1", now, WorkerState.BUSY).build());
        new TestFleet(REDIS.url(), "staging").write(worker("s-1", now, WorkerState.IDLE).build());
    }

    @Test
    void aMisspeltNamespaceNamesTheNamespacesThatHaveWorkers() {
        CliResult result = Cli.run("-r", REDIS.url(), "-n", "prdo", "status", "--json");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.json().get("summary").get("workers").asInt()).isZero();
        assertThat(result.errLines()).containsExactly("wmon: namespace 'prdo' has no workers (wmon:{prdo}:workers "
                + "is empty or missing); namespaces with workers: prod, staging; choose one with -n NS");
    }

    @Test
    void aServerWithoutAnyFleetSaysThatToo() {
        REDIS.flushAll();

        CliResult result = Cli.run("-r", REDIS.url(), "status");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.errLines()).singleElement().asString()
                .endsWith("; no namespace has workers on this Redis");
    }

    @Test
    void theScanUsesTheCommandsOneConnection() throws Exception {
        RedisProbe probe = REDIS.probe();
        long connectionsBefore = connectionsReceived(probe);
        long scansBefore = probe.commandCalls().getOrDefault("scan", 0L);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong maxSeen = new AtomicLong();
        CompletableFuture<Void> sampler = CompletableFuture.runAsync(() -> {
            while (running.get()) {
                maxSeen.accumulateAndGet(probe.countClients("wmon:cli:nothing-here:" + ProcessHandle.current().pid()),
                        Math::max);
            }
        });

        CliResult result = Cli.run("-r", REDIS.url(), "-n", "nothing-here", "status", "-c", "-i", "0.05",
                "--max-cycles", "10");

        running.set(false);
        sampler.get(10, TimeUnit.SECONDS);
        assertThat(result.err()).contains("namespaces with workers: prod, staging");
        assertThat(probe.commandCalls().get("scan") - scansBefore).isBetween(1L, 10L);
        assertThat(maxSeen.get()).as("connections named wmon:cli:nothing-here:<pid>").isEqualTo(1);
        assertThat(connectionsReceived(probe) - connectionsBefore).as("no other connection").isEqualTo(1);
    }

    @Test
    void aNamespaceWithWorkersCostsNoScanAndPrintsNothingOnStderr() {
        RedisProbe probe = REDIS.probe();
        long scansBefore = probe.commandCalls().getOrDefault("scan", 0L);

        CliResult result = Cli.run("-r", REDIS.url(), "-n", "prod", "status");

        assertThat(result.err()).isEmpty();
        assertThat(probe.commandCalls().getOrDefault("scan", 0L)).isEqualTo(scansBefore);
    }

    @Test
    void continuousSaysItOncePerStretchOfEmptyReads() {
        CliResult result = Cli.run("-r", REDIS.url(), "-n", "prdo", "status", "-c", "--json", "-i", "0.01",
                "--max-cycles", "5");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.jsonLines()).hasSize(5);
        assertThat(result.errLines()).singleElement().asString().contains("namespaces with workers: prod, staging");
    }

    private static long connectionsReceived(RedisProbe probe) {
        return probe.info("stats").lines().filter(line -> line.startsWith("total_connections_received:"))
                .mapToLong(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).trim())).findFirst()
                .orElseThrow();
    }
}
