package io.wmon.cli.command.status;

import static io.wmon.cli.TestFleet.worker;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wmon.cli.Cli;
import io.wmon.cli.CliResult;
import io.wmon.cli.TestFleet;
import io.wmon.cli.shell.ExitCodes;
import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.fleet.FleetReader;
import io.wmon.core.heartbeat.HeartbeatWriter;
import io.wmon.core.record.WorkerRecord;
import io.wmon.core.record.WorkerRecordCodec;
import io.wmon.core.record.WorkerState;
import io.wmon.test.RedisServerExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.params.ClientKillParams;

/**
 * The one-shot {@code status}, streamed batch by batch, over a fleet of several batches: the same
 * document and table as a whole read gives, with filters, {@code --sort}, invalid entries and
 * {@code --check}; and a Redis that fails midway leaves one whole JSON document and exit 3.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamedStatusTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String NS = "streamed";
    /** Two whole batches and a part. */
    private static final int WORKERS = 2 * FleetReader.BATCH_SIZE + FleetReader.BATCH_SIZE / 2;

    private final List<String> ids = new ArrayList<>();
    private int stale;
    private int gone;
    private int invalid;
    private int busy;

    @BeforeEach
    void writeFleet() {
        REDIS.flushAll();
        TestFleet fleet = new TestFleet(REDIS.url(), NS);
        FleetKeys keys = fleet.keys();
        long now = System.currentTimeMillis();
        fleet.admin(jedis -> {
            Pipeline pipeline = jedis.pipelined();
            for (int i = 0; i < WORKERS; i++) {
                String id = String.format("w-%05d", i);
                ids.add(id);
                WorkerState state = i % 3 == 0 ? WorkerState.BUSY : WorkerState.IDLE;
                // Spread over every batch: every 7th stale, every 11th gone, every 13th invalid.
                boolean isStale = i % 7 == 0;
                WorkerRecord record = worker(id, isStale ? now - 60_000 : now - 1_000, state).build();
                pipeline.zadd(keys.workers(), record.beatMillis(), id);
                if (i % 11 == 0) {
                    gone++;
                } else if (i % 13 == 0) {
                    invalid++;
                    pipeline.hset(keys.worker(id), java.util.Map.of("v", "1", "id", id, "beat", "yesterday"));
                    pipeline.pexpire(keys.worker(id), 60_000);
                } else {
                    pipeline.hset(keys.worker(id), WorkerRecordCodec.encode(record));
                    pipeline.pexpire(keys.worker(id), HeartbeatWriter.ttlMillis(record.intervalMillis()) * 4);
                    stale += isStale ? 1 : 0;
                    busy += !isStale && state == WorkerState.BUSY ? 1 : 0;
                }
            }
            pipeline.sync();
        });
    }

    private static CliResult status(String... args) {
        return Cli.run(commandLine -> { }, new StringWriter(), with(args));
    }

    private static String[] with(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "-r";
        all[1] = REDIS.url();
        all[2] = "-n";
        all[3] = NS;
        all[4] = "status";
        System.arraycopy(args, 0, all, 5, args.length);
        return all;
    }

    @Test
    void jsonOfSeveralBatchesIsOneDocumentOfEveryWorkerInIdOrderWithTheWholeFleetsSummary() {
        CliResult result = status("--json");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out().strip()).doesNotContain("\n");
        JsonNode doc = result.json();
        assertThat(idsOf(doc)).containsExactlyElementsOf(ids);
        JsonNode summary = doc.get("summary");
        assertThat(summary.get("workers").asInt()).isEqualTo(WORKERS);
        assertThat(summary.get("stale").asInt()).isEqualTo(stale);
        assertThat(summary.get("gone").asInt()).isEqualTo(gone);
        assertThat(summary.get("invalid").asInt()).isEqualTo(invalid);
        assertThat(summary.get("alive").asInt()).isEqualTo(WORKERS - stale - gone - invalid);
        assertThat(summary.get("busy").asInt()).isEqualTo(busy);
        assertThat(summary.get("shown").asInt()).isEqualTo(WORKERS);
        assertThat(doc.get("filter").isNull()).isTrue();
        assertThat(doc.has("error")).isFalse();
        long invalidShown = 0;
        for (JsonNode w : doc.get("workers")) {
            if (w.get("status").asText().equals("invalid")) {
                invalidShown++;
                assertThat(w.get("problems").get(0).asText()).contains("beat");
            }
        }
        assertThat(invalidShown).isEqualTo(invalid);
    }

    @Test
    void filtersApplyInEveryBatchWhileTheSummaryCountsTheWholeFleet() {
        CliResult result = status("--json", "--status", "stale,invalid", "--id", "w-01*,w-02*");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        JsonNode doc = result.json();
        List<String> shown = idsOf(doc);
        assertThat(shown).isNotEmpty().isSorted()
                .allSatisfy(id -> assertThat(id).matches("w-0[12].*"));
        for (JsonNode w : doc.get("workers")) {
            assertThat(w.get("status").asText()).isIn("stale", "invalid");
        }
        long expected = ids.stream().filter(id -> id.startsWith("w-01") || id.startsWith("w-02"))
                .map(id -> Integer.parseInt(id.substring(2)))
                .filter(i -> i % 11 != 0 && (i % 13 == 0 || i % 7 == 0)).count();
        assertThat(shown).hasSize((int) expected);
        assertThat(doc.get("summary").get("shown").asInt()).isEqualTo(shown.size());
        assertThat(doc.get("summary").get("workers").asInt()).isEqualTo(WORKERS);
        assertThat(doc.get("filter").get("status").toString()).isEqualTo("[\"stale\",\"invalid\"]");
    }

    @Test
    void sortByAgeAndByStateOrderTheWholeFleetNotEachBatch() {
        JsonNode byAge = status("--json", "--sort", "age").json();
        List<JsonNode> rows = new ArrayList<>();
        byAge.get("workers").forEach(rows::add);
        assertThat(rows).hasSize(WORKERS);
        assertThat(rows).isSortedAccordingTo(Comparator.<JsonNode>comparingLong(w -> -w.get("ageMillis").asLong())
                .thenComparing(w -> w.get("id").asText()));
        assertThat(rows.get(0).get("ageMillis").asLong()).isGreaterThan(rows.get(WORKERS - 1).get("ageMillis").asLong());

        JsonNode byState = status("--json", "--sort", "state", "--status", "alive,stale,gone").json();
        List<String> order = new ArrayList<>();
        byState.get("workers").forEach(w -> order.add(w.get("state").isNull() ? "~" + w.get("status").asText()
                : Integer.toString(WorkerState.valueOf(w.get("state").asText().toUpperCase()).ordinal())));
        assertThat(order).isSorted().contains("~gone");
        assertThat(order).hasSize(WORKERS - invalid);
    }

    @Test
    void tableOfSeveralBatchesLeadsWithTheWholeFleetsSummaryAndListsEveryWorker() {
        CliResult result = status();

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        List<String> lines = result.out().lines().toList();
        assertThat(lines.get(0)).contains(": " + WORKERS + " workers, " + (WORKERS - stale - gone - invalid)
                + " alive, " + stale + " stale, " + gone + " gone, " + invalid + " invalid; " + busy + " busy");
        assertThat(lines.get(1)).startsWith("ID ");
        List<String> rowIds = lines.subList(2, 2 + WORKERS).stream().map(line -> line.split(" ", 2)[0]).toList();
        assertThat(rowIds).containsExactlyElementsOf(ids);
        assertThat(lines.stream().filter(line -> line.startsWith("invalid w-"))).hasSize(invalid);
        assertThat(lines.get(lines.size() - 1)).isEqualTo(gone + " gone (record expired); 'wmon prune' removes them");
    }

    @Test
    void checkFailsOnTheStaleWorkersOfEveryBatchOneLineEachInIdOrder() {
        CliResult result = status("--check", "--json");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNHEALTHY);
        List<String> failing = result.errLines().stream().map(line -> line.split(" ")[3]).toList();
        assertThat(failing).hasSize(stale).isSorted();
        assertThat(result.errLines()).allSatisfy(line -> assertThat(line).startsWith("wmon: unhealthy: worker w-"));
        assertThat(result.json().get("summary").get("stale").asInt()).isEqualTo(stale);
    }

    @Test
    void redisFailingMidwayEndsTheJsonDocumentWithTheErrorAndExits3NeverHalfADocument() {
        KillingAfterFirstRows out = new KillingAfterFirstRows();

        CliResult result = Cli.run(commandLine -> commandLine.setOut(new PrintWriter(out, true)), new StringWriter(),
                with("--json"));

        assertThat(out.killed).as("the connection was killed after the first rows were written").isTrue();
        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        List<String> err = result.errLines();
        assertThat(err).hasSize(1);
        assertThat(err.get(0)).startsWith("wmon: cannot reach Redis at " + REDIS.url());
        String stdout = out.toString();
        assertThat(stdout).endsWith("}\n");
        JsonNode doc = CliResult.parse(stdout);
        assertThat(doc.get("error").asText()).isEqualTo(err.get(0).substring("wmon: ".length()));
        assertThat(doc.has("summary")).as("no summary of a fleet not read whole").isFalse();
        List<String> shown = idsOf(doc);
        assertThat(shown).isNotEmpty().doesNotHaveDuplicates().isSorted();
        assertThat(shown.size()).isLessThan(WORKERS);
        assertThat(ids).startsWith(shown.toArray(new String[0]));
    }

    private static List<String> idsOf(JsonNode doc) {
        List<String> shown = new ArrayList<>();
        doc.get("workers").forEach(w -> shown.add(w.get("id").asText()));
        return shown;
    }

    /** Stdout that kills every client connection (the CLI's) the first time rows are flushed to it. */
    private static final class KillingAfterFirstRows extends StringWriter {
        volatile boolean killed;
        private final AtomicBoolean once = new AtomicBoolean();

        @Override
        public void flush() {
            super.flush();
            if (toString().contains("\"workers\":[{") && once.compareAndSet(false, true)) {
                TestFleet.admin(REDIS.url(), jedis -> jedis.clientKill(new ClientKillParams().type(ClientType.NORMAL)
                        .skipMe(ClientKillParams.SkipMe.YES)));
                killed = true;
            }
        }
    }
}
