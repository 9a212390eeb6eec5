package io.wmon.cli.command.prune;

import static io.wmon.cli.TestFleet.worker;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wmon.cli.Cli;
import io.wmon.cli.CliResult;
import io.wmon.cli.TestFleet;
import io.wmon.cli.shell.ExitCodes;
import io.wmon.core.record.WorkerState;
import io.wmon.test.RedisServerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code wmon prune}: gone workers leave the registry; alive, stale and invalid ones stay. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PruneCommandTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String NS = "prune";

    private TestFleet fleet;

    @BeforeEach
    void fleetWithGoneWorkers() {
        REDIS.flushAll();
        fleet = new TestFleet(REDIS.url(), NS);
        long now = System.currentTimeMillis();
        fleet.write(worker("alive", now, WorkerState.BUSY).build(), worker("stale", now - 60_000,
                WorkerState.IDLE).build());
        fleet.writeGone(worker("gone-1", now - 90_000, WorkerState.IDLE).build());
        fleet.writeGone(worker("gone-2", now - 95_000, WorkerState.IDLE).build());
        fleet.writeInvalid("broken", now);
    }

    @Test
    void dryRunListsTheGoneAndRemovesNothing() {
        CliResult result = Cli.run("-r", REDIS.url(), "-n", NS, "prune", "--dry-run", "--json");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        JsonNode doc = result.json();
        assertThat(doc.get("dryRun").asBoolean()).isTrue();
        assertThat(texts(doc.get("gone"))).containsExactly("gone-1", "gone-2");
        assertThat(doc.get("removed")).isEmpty();
        assertThat(registry()).containsExactly("alive", "broken", "gone-1", "gone-2", "stale");

        CliResult text = Cli.run("-r", REDIS.url(), "-n", NS, "prune", "--dry-run");
        assertThat(text.out().lines().filter(line -> line.startsWith("would remove ")).toList())
                .containsExactly("would remove gone-1", "would remove gone-2");
        assertThat(registry()).hasSize(5);
    }

    @Test
    void removesOnlyTheGone() {
        CliResult result = Cli.run("-r", REDIS.url(), "-n", NS, "prune", "--json");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(texts(result.json().get("removed"))).containsExactly("gone-1", "gone-2");
        assertThat(registry()).containsExactly("alive", "broken", "stale");

        CliResult again = Cli.run("-r", REDIS.url(), "-n", NS, "prune");
        assertThat(again.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(again.out().lines().filter(line -> line.startsWith("removed ")).toList()).isEmpty();
        JsonNode status = Cli.run("-r", REDIS.url(), "-n", NS, "status", "--json").json();
        assertThat(status.get("summary").get("gone").asInt()).isZero();
        assertThat(status.get("summary").get("workers").asInt()).isEqualTo(3);
    }

    @Test
    void textListsWhatWasRemoved() {
        CliResult result = Cli.run("-r", REDIS.url(), "-n", NS, "prune");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out().lines().filter(line -> line.startsWith("removed ")).toList())
                .containsExactly("removed gone-1", "removed gone-2");
    }

    private List<String> registry() {
        List<String> members = new ArrayList<>();
        fleet.admin(jedis -> members.addAll(jedis.zrange(fleet.keys().workers(), 0, -1)));
        members.sort(null);
        return members;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
