package io.wmon.cli.command.status;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code status --state/--status/--id/--sort}: one-shot and continuous, text and JSON; the summary
 * counts the whole fleet.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StatusFilterTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String NS = "filter";

    private long now;

    @BeforeEach
    void mixedFleet() {
        REDIS.flushAll();
        TestFleet fleet = new TestFleet(REDIS.url(), NS);
        now = System.currentTimeMillis();
        fleet.write(worker("api-1", now - 1_000, WorkerState.BUSY).build(),
                worker("api-2", now - 2_000, WorkerState.PAUSED).build(),
                worker("api-3", now - 3_000, WorkerState.IDLE).build(),
                worker("db-1", now - 4_000, WorkerState.STARTING).build(),
                worker("db-2", now - 60_000, WorkerState.BUSY).build(),
                worker("etl-1", now - 5_000, WorkerState.STOPPING).build());
        fleet.writeGone(worker("api-old", now - 90_000, WorkerState.IDLE).build());
    }

    private static CliResult status(String... args) {
        List<String> all = new ArrayList<>(List.of("-r", REDIS.url(), "-n", NS, "status"));
        all.addAll(List.of(args));
        return Cli.run(all.toArray(new String[0]));
    }

    private static List<String> ids(JsonNode doc) {
        List<String> ids = new ArrayList<>();
        doc.get("workers").forEach(worker -> ids.add(worker.get("id").asText()));
        return ids;
    }

    @Test
    void theSummaryCountsEveryStatusAndEveryStateOfTheWholeFleet() {
        JsonNode summary = status("--json", "--state", "busy").json().get("summary");

        assertThat(summary.get("workers").asInt()).isEqualTo(7);
        assertThat(summary.get("alive").asInt()).isEqualTo(5);
        assertThat(summary.get("stale").asInt()).isEqualTo(1);
        assertThat(summary.get("gone").asInt()).isEqualTo(1);
        assertThat(summary.get("invalid").asInt()).isZero();
        assertThat(summary.get("busy").asInt()).as("alive busy only: db-2 is stale").isEqualTo(1);
        assertThat(summary.get("idle").asInt()).isEqualTo(1);
        assertThat(summary.get("paused").asInt()).isEqualTo(1);
        assertThat(summary.get("starting").asInt()).isEqualTo(1);
        assertThat(summary.get("stopping").asInt()).isEqualTo(1);
        assertThat(summary.get("stopped").asInt()).isZero();
        assertThat(summary.get("shown").asInt()).isEqualTo(2);
    }

    @Test
    void stateStatusAndIdFilterTheJsonAndSayWhatFiltered() {
        JsonNode states = status("--json", "--state", "busy,PAUSED").json();
        assertThat(ids(states)).containsExactly("api-1", "api-2", "db-2");
        assertThat(states.get("filter").get("state")).extracting(JsonNode::asText).containsExactly("busy", "paused");
        assertThat(states.get("filter").get("status").isNull()).isTrue();

        assertThat(ids(status("--json", "--status", "stale,gone").json())).containsExactly("api-old", "db-2");
        assertThat(ids(status("--json", "--id", "api-?").json())).containsExactly("api-1", "api-2", "api-3");
        assertThat(ids(status("--json", "--id", "db-*,etl-*", "--status", "alive").json()))
                .containsExactly("db-1", "etl-1");
        assertThat(status("--json").json().get("filter").isNull()).isTrue();
    }

    @Test
    void theTableSaysHowManyOfTheFleetItShows() {
        CliResult result = status("--id", "api-*", "--status", "alive");

        List<String> lines = result.out().lines().toList();
        assertThat(lines.get(0)).startsWith(NS + " @ ").contains(": 7 workers, 5 alive");
        assertThat(lines.get(1)).isEqualTo("showing 3 of 7 workers: --status alive --id 'api-*'");
        assertThat(lines.stream().skip(3).map(line -> line.split(" ")[0])).containsExactly("api-1", "api-2", "api-3");
    }

    @Test
    void sortByAgeIsOldestFirstAndByStateInTheContractsOrder() {
        assertThat(ids(status("--json", "--sort", "age").json()))
                .containsExactly("api-old", "db-2", "etl-1", "db-1", "api-3", "api-2", "api-1");
        assertThat(ids(status("--json", "--sort", "STATE").json()))
                .containsExactly("db-1", "api-3", "api-1", "db-2", "api-2", "etl-1", "api-old");
    }

    @Test
    void continuousOutputIsFilteredInEveryCycleJsonAndText() {
        List<JsonNode> docs = status("-c", "-i", "0.01", "--max-cycles", "3", "--json", "--state", "busy").jsonLines();
        assertThat(docs).hasSize(3).allSatisfy(doc -> {
            assertThat(ids(doc)).containsExactly("api-1", "db-2");
            assertThat(doc.get("summary").get("workers").asInt()).isEqualTo(7);
        });

        String[] blocks = status("-c", "-i", "0.01", "--max-cycles", "2", "--id", "etl-*").out().split("\n\n");
        assertThat(blocks).hasSize(2).allSatisfy(block -> assertThat(block)
                .contains("showing 1 of 7 workers: --id 'etl-*'").contains("etl-1").doesNotContain("api-1"));
    }

    @Test
    void checkLooksAtTheWorkersShownOnly() {
        assertThat(status("--check").exitCode()).isEqualTo(ExitCodes.UNHEALTHY);
        assertThat(status("--check", "--id", "api-*").exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(status("--check", "--id", "db-*").exitCode()).isEqualTo(ExitCodes.UNHEALTHY);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--state=bsy         | '--state' (STATE): 'bsy' is not one of starting, idle, busy, paused, stopping, stopped",
        "--state=busy,Idle,x | '--state' (STATE): 'x' is not one of starting, idle, busy",
        "--status=dead       | '--status' (STATUS): 'dead' is not one of alive, stale, gone, invalid",
        "--sort=name         | '--sort': 'name' is not one of id, age, state",
        "--id=api [12]       | '--id' (GLOB): 'api [12]' is not a worker id with * (any characters) and ?",
        "--id=               | '--id' (GLOB): '' is not a worker id"})
    void badValuesAreUsageErrorsNamingTheAcceptedOnes(String flag, String message) {
        CliResult result = status(flag, "--json");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errorLine()).contains(message).endsWith("; see 'wmon status --help'");
    }
}
