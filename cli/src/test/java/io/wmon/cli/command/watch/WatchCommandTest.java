package io.wmon.cli.command.watch;

import static io.wmon.cli.TestFleet.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wmon.cli.Cli;
import io.wmon.cli.CliResult;
import io.wmon.cli.TestFleet;
import io.wmon.cli.shell.ExitCodes;
import io.wmon.core.event.EventCodec;
import io.wmon.core.event.EventType;
import io.wmon.core.event.FleetEvent;
import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.record.WorkerState;
import io.wmon.test.RedisProbe;
import io.wmon.test.RedisServerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;

/**
 * {@code wmon watch} in-process against a real Redis: what it prints, which events it keeps, the one
 * connection it holds, and how it rides out Redis restarting with and without its data.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WatchCommandTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String NS = "watch";
    private static final FleetKeys KEYS = FleetKeys.of(NS);

    private TestFleet fleet;

    @BeforeEach
    void emptyServer() {
        REDIS.flushAll();
        fleet = new TestFleet(REDIS.url(), NS);
        await().atMost(Duration.ofSeconds(5)).until(() -> REDIS.probe().countClients("wmon:cli:") == 0);
    }

    private RunningWatch watch(String... args) {
        List<String> all = new ArrayList<>(List.of("-r", REDIS.url(), "-n", NS, "watch"));
        all.addAll(List.of(args));
        return RunningWatch.start(REDIS.probe(), all.toArray(new String[0]));
    }

    /** Appends {@code event} as any writer would, on a plain connection of the test's; returns its id. */
    private String append(FleetEvent event) {
        String[] id = new String[1];
        fleet.admin(jedis -> id[0] = jedis.xadd(KEYS.events(), StreamEntryID.NEW_ENTRY, EventCodec.encode(event))
                .toString());
        return id[0];
    }

    private static FleetEvent state(String worker, String from, String to, String detail) {
        return FleetEvent.of(EventType.STATE, worker, from, to, System.currentTimeMillis(), detail);
    }

    private List<String> ids(RunningWatch watch) {
        return watch.json().stream().map(doc -> doc.get("id").asText()).collect(Collectors.toList());
    }

    @Test
    void jsonIsOneObjectALineWithTheContractsFieldsAndTheEntryId() {
        String first = append(FleetEvent.of(EventType.UP, "w-1", "", "starting", 1_767_225_600_123L, "agent 1"));
        append(state("w-1", "idle", "busy", "job-9"));

        try (RunningWatch watch = watch("--json", "--since", "start")) {
            watch.awaitLines(2);
            CliResult result = watch.stop();

            assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
            JsonNode up = watch.json().get(0);
            assertThat(up.get("id").asText()).isEqualTo(first);
            assertThat(up.get("type").asText()).isEqualTo("up");
            assertThat(up.get("worker").asText()).isEqualTo("w-1");
            assertThat(up.get("from").asText()).isEmpty();
            assertThat(up.get("to").asText()).isEqualTo("starting");
            assertThat(up.get("ts").asLong()).isEqualTo(1_767_225_600_123L);
            assertThat(up.get("detail").asText()).isEqualTo("agent 1");
            assertThat(watch.json().get(1).get("detail").asText()).isEqualTo("job-9");
            assertThat(result.err()).isEmpty();
        }
    }

    @Test
    void sinceNowShowsOnlyNewEventsAndSinceAnIdWhatCameAfterIt() {
        append(state("old", "idle", "busy", ""));
        String second = append(state("mid", "idle", "busy", ""));
        append(state("late", "idle", "busy", ""));

        try (RunningWatch now = watch("--json")) {
            append(state("new", "busy", "idle", ""));
            now.awaitLines(1);
            now.stop();
            assertThat(now.json()).extracting(doc -> doc.get("worker").asText()).containsExactly("new");
        }
        try (RunningWatch after = watch("--json", "--since", second)) {
            after.awaitLines(2);
            after.stop();
            assertThat(after.json()).extracting(doc -> doc.get("worker").asText()).containsExactly("late", "new");
        }
    }

    @Test
    void stateAndIdFiltersKeepOnlyMatchingEvents() {
        append(state("api-1", "idle", "busy", ""));
        append(state("api-2", "busy", "paused", ""));
        append(state("db-1", "idle", "paused", ""));
        append(FleetEvent.of(EventType.BREAKER, "api-3", "CLOSED", "OPEN", 5, "refused"));
        append(state("api-4", "paused", "idle", ""));

        try (RunningWatch watch = watch("--json", "--since", "start", "--state", "paused", "--id", "api-*")) {
            watch.awaitLines(2);
            await().during(Duration.ofMillis(300)).until(() -> watch.lines().size() == 2);
            watch.stop();
            assertThat(watch.json()).extracting(doc -> doc.get("worker").asText()).containsExactly("api-2", "api-4");
        }
    }

    @Test
    void aTextLineIsPlainOffATerminalAndEscapesWhatCameFromRedis() {
        Map<byte[], byte[]> hostile = new LinkedHashMap<>();
        hostile.put(bytes("type"), bytes("state"));
        hostile.put(bytes("worker"), bytes("w\u001b]0;owned\u0007-1"));
        hostile.put(bytes("from"), bytes("idle"));
        hostile.put(bytes("to"), bytes("bu\u202esy"));
        hostile.put(bytes("ts"), bytes(Long.toString(System.currentTimeMillis())));
        hostile.put(bytes("detail"), new byte[] {'j', 'o', 'b', '\n', 'x', (byte) 0xff, 0x1b, '[', '2', 'J'});
        fleet.admin(jedis -> jedis.xadd(bytes(KEYS.events()), XAddParams.xAddParams(), hostile));
        append(state("w-2", "busy", "idle", "x".repeat(5_000)));

        try (RunningWatch watch = watch("--since", "start")) {
            watch.awaitLines(2);
            watch.stop();
            String line = watch.lines().get(0);
            assertThat(watch.out().chars()).noneMatch(c -> c == 0x1b || c == 0x07 || c == 0x202e);
            assertThat(line).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  state {11}w.*")
                    .contains("w\\x1b]0;owned\\x07-1").contains("idle -> bu\\u202esy").contains("job\\nx\uFFFD\\x1b[2J");
            assertThat(watch.lines().get(1)).hasSizeLessThan(TextEventPrinter.DETAIL_WIDTH + 80)
                    .endsWith(io.wmon.cli.text.SafeText.CUT_MARK);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void unreadableEntriesAreSkippedWithOneWarningAndTheRestShown() {
        append(state("a", "idle", "busy", ""));
        fleet.admin(jedis -> jedis.xadd(KEYS.events(), StreamEntryID.NEW_ENTRY, Map.of("type", "bogus", "worker", "x")));
        append(state("b", "idle", "busy", ""));

        try (RunningWatch watch = watch("--json", "--since", "start")) {
            watch.awaitLines(2);
            CliResult result = watch.stop();
            assertThat(watch.json()).extracting(doc -> doc.get("worker").asText()).containsExactly("a", "b");
            assertThat(result.errLines()).singleElement().asString()
                    .startsWith("wmon: warning: skipped 1 unreadable event in " + KEYS.events())
                    .contains("type 'bogus' is not one of");
        }
    }

    @Test
    void watchHoldsExactlyOneNamedConnectionAndNoneAfterItStops() throws Exception {
        RedisProbe probe = REDIS.probe();
        AtomicLong maxSeen = new AtomicLong();
        try (RunningWatch watch = watch("--json")) {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < until) {
                append(state("w", "idle", "busy", ""));
                maxSeen.accumulateAndGet(probe.countClients("wmon:cli:" + NS + ":"), Math::max);
                Thread.sleep(20);
            }
            assertThat(probe.countClients("wmon:cli:" + NS + ":" + ProcessHandle.current().pid())).isOne();
            CliResult result = watch.stop();
            assertThat(result.exitCode()).isZero();
            assertThat(watch.lines()).hasSizeGreaterThan(10);
        }
        assertThat(maxSeen.get()).isOne();
        await().atMost(Duration.ofSeconds(5)).until(() -> probe.countClients("wmon:") == 0);
    }

    @Test
    void redisUnreachableAtStartIsExit3WithOneLine() {
        CliResult result = Cli.run("-r", "redis://127.0.0.1:1", "-n", NS, "watch");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.errorLine()).startsWith("cannot reach Redis at redis://127.0.0.1:1 (connection refused)");
    }

    @Test
    void aBadSinceIsAUsageErrorNamingTheForms() {
        CliResult result = Cli.run("-r", REDIS.url(), "watch", "--since", "yesterday");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errorLine()).contains("'yesterday' is not now, start, or a stream id");
    }

    @Test
    void aRestartThatKeptItsDataLosesNoEventAndShowsNoneTwice() {
        List<String> written = new ArrayList<>();
        try (RunningWatch watch = watch("--json")) {
            for (int i = 0; i < 5; i++) {
                written.add(append(state("before-" + i, "idle", "busy", "")));
            }
            watch.awaitLines(5);

            REDIS.restartKeepingData();
            for (int i = 0; i < 5; i++) {
                written.add(append(state("after-" + i, "busy", "idle", "")));
            }
            watch.awaitLines(10);
            await().during(Duration.ofMillis(500)).until(() -> watch.lines().size() == 10);
            CliResult result = watch.stop();

            assertThat(ids(watch)).containsExactlyElementsOf(written);
            assertThat(result.err()).doesNotContain("stream");
        }
    }

    @Test
    void aRestartThatLostItsDataIsOneLineAndTheNewStreamIsShownFromItsStart() {
        List<String> after = new ArrayList<>();
        try (RunningWatch watch = watch("--json")) {
            for (int i = 0; i < 5; i++) {
                append(state("before-" + i, "idle", "busy", ""));
            }
            watch.awaitLines(5);

            REDIS.restart();
            for (int i = 0; i < 3; i++) {
                after.add(append(state("after-" + i, "busy", "idle", "")));
            }
            watch.awaitLines(8);
            await().during(Duration.ofMillis(500)).until(() -> watch.lines().size() == 8);
            CliResult result = watch.stop();

            assertThat(ids(watch).subList(5, 8)).containsExactlyElementsOf(after);
            assertThat(result.errLines().stream().filter(line -> line.contains("event stream"))).singleElement()
                    .asString().startsWith("wmon: the event stream " + KEYS.events())
                    .endsWith("following the new stream from its start");
        }
    }

    @Test
    void eventsTrimmedBeforeWatchCouldReadThemAreCounted() throws Exception {
        GatedWriter out = new GatedWriter();
        List<String> args = List.of("-r", REDIS.url(), "-n", NS, "watch", "--json");
        try (RunningWatch watch = RunningWatch.start(REDIS.probe(), out, args.toArray(new String[0]))) {
            out.holdNextWrite();
            append(state("first", "idle", "busy", ""));
            out.awaitBlocked(); // watch is stuck printing: it falls behind while the stream is trimmed
            for (int i = 0; i < 20; i++) {
                append(state("w" + i, "idle", "busy", ""));
            }
            fleet.admin(jedis -> jedis.xtrim(KEYS.events(), 5, false));
            out.release();
            watch.awaitLines(6);
            CliResult result = watch.stop();

            assertThat(watch.json()).extracting(doc -> doc.get("worker").asText())
                    .containsExactly("first", "w15", "w16", "w17", "w18", "w19");
            assertThat(result.errLines()).containsExactly(
                    "wmon: 15 events were trimmed from " + KEYS.events() + " before watch could read them");
        }
    }

    @Test
    void anOutageIsOneLineAndWatchGoesOnWhenRedisIsBack() {
        try (RunningWatch watch = watch("--json")) {
            append(state("before", "idle", "busy", ""));
            watch.awaitLines(1);

            REDIS.stop();
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> watch.isDone()
                        || watch.errLines().stream().anyMatch(l -> l.contains("unreachable")));
            } finally {
                REDIS.start();
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> REDIS.probe().countClients("wmon:cli:") == 1);
            append(state("after", "busy", "idle", ""));
            watch.awaitLines(2);
            CliResult result = watch.stop();

            assertThat(watch.json()).extracting(doc -> doc.get("worker").asText()).containsExactly("before", "after");
            assertThat(result.errLines().stream().filter(l -> l.contains("unreachable"))).hasSize(1);
            assertThat(result.errLines()).anyMatch(l -> l.startsWith("wmon: Redis reachable again after "));
        }
    }

    @Test
    void watchAloneRecordsAStaleWorkerAndShowsItsEvent() {
        long now = System.currentTimeMillis();
        fleet.write(worker("frozen", now - 60_000, WorkerState.BUSY).build(), worker("fine", now, WorkerState.IDLE).build());

        try (RunningWatch watch = watch("--json")) {
            watch.awaitLines(1);
            watch.stop();
            JsonNode stale = watch.json().get(0);
            assertThat(stale.get("type").asText()).isEqualTo("stale");
            assertThat(stale.get("worker").asText()).isEqualTo("frozen");
            assertThat(stale.get("from").asText()).isEqualTo("busy");
        }
    }
}
