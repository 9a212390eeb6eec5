package io.wmon.cli.fleetview;

import static io.wmon.cli.TestFleet.worker;
import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.cli.TestFleet;
import io.wmon.cli.text.TextTable;
import io.wmon.core.fleet.FleetReader;
import io.wmon.core.fleet.FleetSnapshot;
import io.wmon.core.record.BreakerState;
import io.wmon.core.record.WorkerState;
import io.wmon.core.redis.PoolSettings;
import io.wmon.core.redis.RedisEndpoint;
import io.wmon.core.redis.SharedPool;
import io.wmon.core.redis.SharedPoolRegistry;
import io.wmon.test.RedisServerExtension;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.Help.Ansi.Style;

/** The status lines at a fixed width: colours where they belong, nothing wider than the terminal. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StatusViewTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final long NOW = 1_767_225_600_000L;
    private static FleetSnapshot snapshot;

    /** Snapshots come from a real read: FleetSnapshot has no public constructor, by design. */
    @BeforeAll
    static void readAFleet() {
        TestFleet fleet = new TestFleet(REDIS.url(), "view");
        fleet.write(worker("busy-worker-with-a-rather-long-identifier-0001", NOW - 1_000, WorkerState.BUSY)
                        .job("a-job-with-a-long-name-that-must-be-cut").build(),
                worker("idle", NOW - 2_000, WorkerState.IDLE).breaker(BreakerState.OPEN).leakAlarm(true).build(),
                worker("stale", NOW - 60_000, WorkerState.BUSY).build());
        fleet.writeGone(worker("gone", NOW - 90_000, WorkerState.IDLE).build());
        fleet.writeInvalid("broken", NOW - 5_000);
        try (SharedPool pool = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(REDIS.url()), "wmon:test:view",
                PoolSettings.defaults())) {
            snapshot = new FleetReader(pool, fleet.keys(), Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC))
                    .read();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {20, 40, 80, 132})
    void noLineIsWiderThanTheWidth(int width) {
        List<String> lines = new StatusView("redis://cache:6379", true).render(snapshot, width);

        assertThat(lines).hasSize(1 + 1 + 5 + 1 + 1)
                .allSatisfy(line -> assertThat(Escapes.visibleLength(line)).isLessThanOrEqualTo(width));
        assertThat(String.join("", lines)).contains(Style.fg_red.on(), Style.fg_green.on());
    }

    @Test
    void colourMarksStaleRedBusyGreenInvalidMagentaGoneDim() {
        List<String> lines = new StatusView("redis://cache:6379", true).render(snapshot, 200);

        assertThat(row(lines, "stale")).startsWith(Style.fg_red.on()).endsWith(Style.fg_red.off());
        assertThat(row(lines, "busy-worker")).startsWith(Style.fg_green.on()).endsWith(Style.fg_green.off());
        assertThat(row(lines, "broken")).startsWith(Style.fg_magenta.on());
        assertThat(row(lines, "gone")).startsWith(Style.faint.on());
        assertThat(row(lines, "idle")).doesNotContain("\u001b[");
        assertThat(Escapes.strip(row(lines, "idle"))).contains("breaker OPEN", "leak alarm");
    }

    @Test
    void withoutColourThereAreNoEscapeSequencesAndNothingIsCut() {
        List<String> lines = new StatusView("redis://cache:6379", false).render(snapshot, TextTable.UNLIMITED);

        assertThat(String.join("\n", lines)).doesNotContain("\u001b[")
                .contains("busy-worker-with-a-rather-long-identifier-0001", "a-job-with-a-long-name-that-must-be-cut")
                .doesNotContain("~");
        assertThat(lines.get(0)).isEqualTo("view @ redis://cache:6379: 5 workers, 2 alive, 1 stale, 1 gone, "
                + "1 invalid; 1 busy, 1 idle");
    }

    @Test
    void theTerminalViewListsProblemsFirstSoASmallWindowStillShowsThem() {
        List<String> ids = new StatusView("redis://cache:6379", true, true).render(snapshot, 80).stream()
                .skip(2).limit(5).map(line -> Escapes.strip(line).split(" ")[0]).toList();

        assertThat(ids).containsExactly("stale", "broken", "gone", "busy-worker-with-a-rather-long-~", "idle");
    }

    private static String row(List<String> lines, String idPrefix) {
        return lines.stream().filter(line -> Escapes.strip(line).startsWith(idPrefix)).findFirst().orElseThrow();
    }
}
