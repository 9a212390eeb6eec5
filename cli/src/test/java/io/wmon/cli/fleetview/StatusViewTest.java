package io.wmon.cli.fleetview;

import static io.wmon.cli.TestFleet.worker;
import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.cli.TestFleet;
import io.wmon.cli.text.SafeText;
import io.wmon.cli.text.TextTable;
import io.wmon.core.fleet.FleetReader;
import io.wmon.core.fleet.FleetSnapshot;
import io.wmon.core.record.BreakerState;
import io.wmon.core.record.WorkerRecord;
import io.wmon.core.record.WorkerState;
import io.wmon.core.redis.PoolSettings;
import io.wmon.core.redis.RedisEndpoint;
import io.wmon.core.redis.SharedPool;
import io.wmon.core.redis.SharedPoolRegistry;
import io.wmon.test.RedisServerExtension;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.Help.Ansi.Style;

/** The status lines at a fixed width: colours and order that tell the truth, nothing wider than the terminal. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StatusViewTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final long NOW = 1_767_225_600_000L;
    private static final String[] IDS = {"busy-worker-with-a-rather-long-identifier-0001", "idle", "stale", "gone",
        "broken", "drained", "waiting", "counted"};
    private static FleetSnapshot snapshot;

    /** Snapshots come from a real read: FleetSnapshot has no public constructor, by design. */
    @BeforeAll
    static void readAFleet() {
        TestFleet fleet = new TestFleet(REDIS.url(), "view");
        fleet.write(worker(IDS[0], NOW - 1_000, WorkerState.BUSY).job("a-job-with-a-long-name-that-must-be-cut")
                        .build(),
                worker("idle", NOW - 2_000, WorkerState.IDLE).breaker(BreakerState.OPEN).leakAlarm(true).build(),
                worker("stale", NOW - 60_000, WorkerState.BUSY).build(),
                // Every connection borrowed: exhausted now.
                worker("drained", NOW - 1_000, WorkerState.BUSY).poolActive(4).poolIdle(0).poolMaxTotal(4).build(),
                // Threads waiting for a connection: exhausted now.
                worker("waiting", NOW - 1_000, WorkerState.BUSY).poolActive(3).poolWaiters(2).build(),
                // Exhausted some time since it started, fine now: a counter alone is no problem.
                worker("counted", NOW - 1_000, WorkerState.PAUSED).poolExhaustedCount(17).build());
        fleet.writeGone(worker("gone", NOW - 90_000, WorkerState.IDLE).build());
        fleet.writeInvalid("broken", NOW - 5_000);
        snapshot = read(fleet);
    }

    private static FleetSnapshot read(TestFleet fleet) {
        try (SharedPool pool = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(REDIS.url()), "wmon:test:view",
                PoolSettings.defaults())) {
            return new FleetReader(pool, fleet.keys(), Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC)).read();
        }
    }

    private static List<String> render(boolean problemsFirst, int width) {
        return new StatusView("redis://cache:6379", true, problemsFirst).render(snapshot, width);
    }

    @ParameterizedTest
    @ValueSource(ints = {20, 40, 80, 132})
    void noLineIsWiderThanTheWidthAndEveryWorkerHasARow(int width) {
        List<String> lines = render(true, width);

        assertThat(lines).allSatisfy(line -> assertThat(Escapes.visibleLength(line)).isLessThanOrEqualTo(width));
        assertThat(lines.stream().map(Escapes::strip).filter(line -> Arrays.stream(IDS).anyMatch(id ->
                line.startsWith(id.substring(0, Math.min(id.length(), 4)))))).hasSizeGreaterThanOrEqualTo(IDS.length);
        assertThat(String.join("", lines)).contains(Style.fg_red.on(), Style.fg_green.on(), Style.fg_yellow.on());
    }

    @Test
    void colourMarksStaleRedAttentionYellowBusyGreenInvalidMagentaGoneDim() {
        List<String> lines = render(false, 200);

        assertThat(row(lines, "stale")).startsWith(Style.fg_red.on()).endsWith(Style.fg_red.off());
        assertThat(row(lines, "busy-worker")).startsWith(Style.fg_green.on()).endsWith(Style.fg_green.off());
        assertThat(row(lines, "broken")).startsWith(Style.fg_magenta.on());
        assertThat(row(lines, "gone")).startsWith(Style.faint.on());
        for (String troubled : List.of("idle", "drained", "waiting")) {
            assertThat(row(lines, troubled)).as(troubled).startsWith(Style.fg_yellow.on());
        }
        assertThat(row(lines, "counted")).as("a non-zero pool_exhausted alone").doesNotContain("\u001b[");
        assertThat(Escapes.strip(row(lines, "idle"))).contains("breaker OPEN", "LEAK ALARM");
        assertThat(Escapes.strip(row(lines, "drained"))).contains("pool exhausted: 4/4 in use");
        assertThat(Escapes.strip(row(lines, "waiting"))).contains("pool exhausted: 3/4 in use, 2 waiting");
    }

    @Test
    void withoutColourThereAreNoEscapeSequencesAndPipedCellsKeepWhatTheAgentWrites() {
        List<String> lines = new StatusView("redis://cache:6379", false).render(snapshot, TextTable.UNLIMITED);

        assertThat(String.join("\n", lines)).doesNotContain("\u001b[")
                .contains(IDS[0], "a-job-with-a-long-name-that-must-be-cut")
                .doesNotContain(SafeText.CUT_MARK);
        assertThat(lines.get(0)).isEqualTo("view @ redis://cache:6379: 8 workers, 5 alive, 1 stale, 1 gone, "
                + "1 invalid; 3 busy, 1 idle, 1 paused, 0 starting, 0 stopping, 0 stopped");
    }

    @Test
    void theTerminalViewListsProblemsFirstSoASmallWindowStillShowsThem() {
        List<String> lines = render(true, 100);
        int heading = headingIndex(lines);
        List<String> ids = lines.subList(heading + 1, heading + 1 + IDS.length).stream()
                .map(line -> Escapes.strip(line).split(" ")[0]).toList();

        assertThat(ids).containsExactly("stale", "drained", "idle", "waiting", "broken", "gone",
                "busy-worker-with-a-rather-long-" + SafeText.CUT_MARK, "counted");
    }

    @Test
    void aNarrowTerminalKeepsIdStatusStateAgeAndNoteTheLongest() {
        List<String> lines = render(true, 70);
        String heading = lines.get(headingIndex(lines));

        assertThat(heading.split(" +")).containsSubsequence("ID", "STATUS", "STATE", "AGE", "NOTE")
                .doesNotContain("RTT", "PID", "POOL");
    }

    @Test
    void theSummaryWrapsAtSpacesAndIsNeverCutMidWord() {
        String summary = new StatusView("redis://cache:6379", false).summary(snapshot);

        List<String> lines = render(true, 40);

        List<String> words = lines.stream().limit(5).flatMap(line -> Arrays.stream(line.trim().split(" ")))
                .toList();
        assertThat(words).containsSubsequence(summary.split(" "));
        assertThat(String.join("", lines)).doesNotContain(SafeText.CUT_MARK + " workers");
    }

    @Test
    void aContinuousViewNotesAPoolThatWasExhaustedBetweenTwoReads() {
        TestFleet fleet = new TestFleet(REDIS.url(), "growth");
        WorkerRecord calm = worker("w", NOW - 1_000, WorkerState.BUSY).poolExhaustedCount(3).build();
        fleet.write(calm, worker("v", NOW - 1_000, WorkerState.IDLE).poolExhaustedCount(3).build());
        StatusView view = new StatusView("redis://cache:6379", true, true, FleetQuery.all(), Attention.continuous());

        List<String> first = view.render(read(fleet), 200);
        fleet.write(calm.toBuilder().poolExhaustedCount(5).build());
        List<String> second = view.render(read(fleet), 200);

        assertThat(Escapes.strip(row(first, "w"))).doesNotContain("pool exhausted");
        assertThat(row(second, "w")).startsWith(Style.fg_yellow.on());
        assertThat(Escapes.strip(row(second, "w"))).contains("pool exhausted 2x since the last read");
        assertThat(row(second, "v")).doesNotContain("\u001b[");
    }

    private static int headingIndex(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("ID ")) {
                return i;
            }
        }
        throw new AssertionError("no heading in " + lines);
    }

    private static String row(List<String> lines, String idPrefix) {
        return lines.stream().filter(line -> Escapes.strip(line).startsWith(idPrefix + " ")
                || Escapes.strip(line).startsWith(idPrefix + "-")).findFirst().orElseThrow();
    }
}
