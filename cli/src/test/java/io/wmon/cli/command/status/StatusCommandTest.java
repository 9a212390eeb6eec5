package io.wmon.cli.command.status;

import static io.wmon.cli.TestFleet.worker;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wmon.cli.Cli;
import io.wmon.cli.CliResult;
import io.wmon.cli.TestFleet;
import io.wmon.cli.shell.ExitCodes;
import io.wmon.core.record.BreakerState;
import io.wmon.core.record.WorkerState;
import io.wmon.test.RedisServerExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code wmon status} once: table, JSON, --check, and what it prints when things go wrong. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StatusCommandTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String NS = "status";

    private TestFleet fleet;
    private long now;

    @BeforeEach
    void emptyServer() {
        REDIS.flushAll();
        fleet = new TestFleet(REDIS.url(), NS);
        now = System.currentTimeMillis();
    }

    private void writeEveryKind() {
        fleet.write(worker("alive-busy", now - 1_000, WorkerState.BUSY).build(),
                worker("alive-idle", now - 2_000, WorkerState.IDLE).build(),
                worker("stale", now - 60_000, WorkerState.BUSY).build());
        fleet.writeGone(worker("gone", now - 90_000, WorkerState.IDLE).build());
        fleet.writeInvalid("invalid", now - 3_000);
    }

    private CliResult status(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "-r";
        all[1] = REDIS.url();
        all[2] = "-n";
        all[3] = NS;
        all[4] = "status";
        System.arraycopy(args, 0, all, 5, args.length);
        return Cli.run(all);
    }

    @Test
    void jsonHasTheDesignsDocumentForEveryKindOfWorker() {
        writeEveryKind();

        CliResult result = status("--json");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.err()).isEmpty();
        JsonNode doc = result.json();
        assertThat(doc.get("namespace").asText()).isEqualTo(NS);
        assertThat(doc.get("redis").asText()).isEqualTo(REDIS.url());
        assertThat(doc.get("generatedAtMillis").asLong()).isBetween(now, System.currentTimeMillis());
        JsonNode summary = doc.get("summary");
        assertThat(Map.of("workers", summary.get("workers").asInt(), "alive", summary.get("alive").asInt(),
                "stale", summary.get("stale").asInt(), "busy", summary.get("busy").asInt(),
                "idle", summary.get("idle").asInt(), "gone", summary.get("gone").asInt(),
                "invalid", summary.get("invalid").asInt()))
                .isEqualTo(Map.of("workers", 5, "alive", 2, "stale", 1, "busy", 1, "idle", 1, "gone", 1,
                        "invalid", 1));

        Map<String, JsonNode> byId = byId(doc);
        assertThat(byId.keySet()).containsExactlyInAnyOrder("alive-busy", "alive-idle", "stale", "gone", "invalid");
        JsonNode busy = byId.get("alive-busy");
        assertThat(busy.get("status").asText()).isEqualTo("alive");
        assertThat(busy.get("host").asText()).isEqualTo("host-alive-busy");
        assertThat(busy.get("pid").isIntegralNumber()).isTrue();
        assertThat(busy.get("state").asText()).isEqualTo("busy");
        assertThat(busy.get("job").asText()).isEqualTo("job-alive-busy");
        assertThat(busy.get("beatMillis").asLong()).isEqualTo(now - 1_000);
        assertThat(busy.get("ageMillis").asLong()).isBetween(1_000L, 30_000L);
        assertThat(busy.get("stale").asBoolean()).isFalse();
        assertThat(busy.get("staleAfterMillis").asLong()).isEqualTo(15_000);
        assertThat(busy.get("processed").asLong()).isEqualTo(120);
        assertThat(busy.get("failed").asLong()).isEqualTo(3);
        assertThat(busy.get("pool").get("active").asInt()).isEqualTo(1);
        assertThat(busy.get("pool").get("idle").asInt()).isEqualTo(2);
        assertThat(busy.get("pool").get("waiters").asInt()).isEqualTo(0);
        assertThat(busy.get("pool").get("max").asInt()).isEqualTo(4);
        assertThat(busy.get("rttMicros").asLong()).isEqualTo(350);
        assertThat(busy.has("breaker")).isTrue();
        assertThat(busy.get("breaker").isNull()).as("the agent writes no breaker: unknown, not CLOSED").isTrue();

        assertThat(byId.get("stale").get("stale").asBoolean()).isTrue();
        assertThat(byId.get("stale").get("status").asText()).isEqualTo("stale");
        assertThat(byId.get("gone").get("status").asText()).isEqualTo("gone");
        assertThat(byId.get("gone").get("pool").isNull()).isTrue();
        assertThat(byId.get("gone").get("state").isNull()).isTrue();
        assertThat(byId.get("invalid").get("status").asText()).isEqualTo("invalid");
        assertThat(byId.get("invalid").get("problems").get(0).asText()).contains("beat");
    }

    @Test
    void tableListsEveryWorkerMarksTheStaleOneAndExplainsTheInvalidOne() {
        writeEveryKind();

        CliResult result = status();

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.err()).isEmpty();
        Map<String, String[]> rows = new HashMap<>();
        result.out().lines().map(line -> line.split("\\s+")).forEach(cells -> rows.put(cells[0], cells));
        assertThat(rows).containsKeys("ID", "alive-busy", "alive-idle", "stale", "gone", "invalid");
        assertThat(rows.get("stale")).contains("STALE");
        assertThat(rows.get("alive-busy")).contains("alive", "busy", "job-alive-busy", "120/3", "1/2/4", "350us");
        assertThat(result.out().lines().filter(line -> line.startsWith("invalid invalid: ")).toList())
                .singleElement().asString().contains("beat");
        assertThat(result.out()).doesNotContain("\u001b[");
    }

    @Test
    void staleAfterOverridesEachWorkersOwnThreeIntervals() {
        fleet.write(worker("slow", now - 60_000, WorkerState.IDLE).build());

        assertThat(byId(status("--json").json()).get("slow").get("stale").asBoolean()).isTrue();
        JsonNode overridden = byId(status("--json", "--stale-after", "120").json()).get("slow");
        assertThat(overridden.get("stale").asBoolean()).isFalse();
        assertThat(overridden.get("staleAfterMillis").asLong()).isEqualTo(120_000);
        JsonNode tight = byId(status("--json", "--stale-after", "0.5").json()).get("slow");
        assertThat(tight.get("staleAfterMillis").asLong()).isEqualTo(500);
    }

    @Test
    void checkExitsFourWithAStaleWorkerAndZeroWithoutOne() {
        fleet.write(worker("fine", now, WorkerState.IDLE).build());
        fleet.writeGone(worker("gone", now - 90_000, WorkerState.IDLE).build());
        assertThat(status("--check").exitCode()).isEqualTo(ExitCodes.OK);

        fleet.write(worker("stuck", now - 60_000, WorkerState.BUSY).build());
        CliResult unhealthy = status("--check", "--json");
        assertThat(unhealthy.exitCode()).isEqualTo(ExitCodes.UNHEALTHY);
        assertThat(unhealthy.json().get("summary").get("stale").asInt()).isEqualTo(1);
        assertThat(status("--check", "--stale-after", "3600").exitCode()).isEqualTo(ExitCodes.OK);
    }

    /** Regression: --check exited 4 without a word; now one stderr line per failing worker, stdout unchanged. */
    @Test
    void checkSaysWhichWorkersFailAndWhyOneLineEach() {
        fleet.write(worker("fine", now, WorkerState.IDLE).build(),
                worker("stuck", now - 60_000, WorkerState.BUSY).build(),
                worker("cut-off", now, WorkerState.IDLE).breaker(BreakerState.OPEN).build());
        fleet.writeGone(worker("gone", now - 90_000, WorkerState.IDLE).build());

        CliResult checked = status("--check", "--json");
        CliResult plain = status("--json");

        assertThat(checked.exitCode()).isEqualTo(ExitCodes.UNHEALTHY);
        assertThat(checked.errLines()).hasSize(2).allMatch(line -> line.startsWith("wmon: unhealthy: worker "));
        assertThat(checked.errLines().get(0)).isEqualTo("wmon: unhealthy: worker cut-off reports its circuit breaker OPEN");
        assertThat(checked.errLines().get(1))
                .matches("wmon: unhealthy: worker stuck is stale: last beat 1m0\\ds ago, stale after 15s");
        assertThat(byId(checked.json()).keySet()).isEqualTo(byId(plain.json()).keySet());
        assertThat(checked.json().get("summary")).isEqualTo(plain.json().get("summary"));
        assertThat(status("--check", "--stale-after", "3600").errLines())
                .containsExactly("wmon: unhealthy: worker cut-off reports its circuit breaker OPEN");
    }

    /** Regression: a beat at now + 10^12 showed as alive; now it is stale, and --check names the skew. */
    @Test
    void aBeatFromTheFutureIsStaleAndCheckSaysClockSkew() {
        fleet.write(worker("ahead", now + 1_000_000_000_000L, WorkerState.IDLE).build());

        CliResult checked = status("--check", "--json");

        assertThat(checked.exitCode()).isEqualTo(ExitCodes.UNHEALTHY);
        assertThat(byId(checked.json()).get("ahead").get("status").asText()).isEqualTo("stale");
        assertThat(checked.errLines()).singleElement().asString()
                .startsWith("wmon: unhealthy: worker ahead is stale: clock skew: the beat is ");
    }

    /** A record that says leak=1 fails --check with the counts; the table and the JSON mark it. */
    @Test
    void checkExitsFourWhenAnAliveWorkerRaisedTheLeakAlarmAndTheViewsMarkIt() {
        fleet.write(worker("fine", now, WorkerState.IDLE).redisSocketCount(2).appRedisSocketCount(1)
                        .localPorts(List.of(50_001, 50_002)).build(),
                worker("leaky", now, WorkerState.BUSY).redisSocketCount(43).appRedisSocketCount(42).leakAlarm(true)
                        .build());

        CliResult checked = status("--check");
        assertThat(checked.exitCode()).isEqualTo(ExitCodes.UNHEALTHY);
        assertThat(checked.errLines()).containsExactly(
                "wmon: unhealthy: worker leaky raised the connection-leak alarm: 43 Redis sockets, 42 the application's");
        assertThat(checked.out().lines().filter(line -> line.startsWith("leaky ")))
                .singleElement().asString().endsWith("LEAK ALARM: 43 Redis sockets, 42 the application's");

        Map<String, JsonNode> workers = byId(status("--json").json());
        assertThat(workers.get("leaky").get("leak").asBoolean()).isTrue();
        assertThat(workers.get("leaky").get("sockets").get("redis").asInt()).isEqualTo(43);
        assertThat(workers.get("leaky").get("sockets").get("app").asInt()).isEqualTo(42);
        assertThat(workers.get("fine").get("leak").asBoolean()).isFalse();
        assertThat(workers.get("fine").get("sockets").get("redis").asInt()).isEqualTo(2);
        assertThat(status("--check", "--id", "fine").exitCode()).isEqualTo(ExitCodes.OK);
    }

    /** A record that says OPEN fails --check: the agent's breaker was open when it built the record. */
    @Test
    void checkExitsFourWhenAnAliveWorkersRecordSaysItsBreakerIsOpen() {
        fleet.write(worker("cut-off", now, WorkerState.IDLE).breaker(BreakerState.OPEN).build());

        assertThat(status("--check").exitCode()).isEqualTo(ExitCodes.UNHEALTHY);
        assertThat(status().exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(byId(status("--json").json()).get("cut-off").get("breaker").asText()).isEqualTo("OPEN");
    }

    /** A record without a breaker (an older agent): --check must not fail, or pass, on a state nobody reported. */
    @Test
    void checkPassesAliveWorkersWhoseRecordsSayNothingAboutABreaker() {
        fleet.write(worker("agent-written", now, WorkerState.BUSY).build(),
                worker("closed", now, WorkerState.IDLE).breaker(BreakerState.CLOSED).build(),
                worker("half-open", now, WorkerState.IDLE).breaker(BreakerState.HALF_OPEN).build());

        CliResult check = status("--check", "--json");

        assertThat(check.exitCode()).isEqualTo(ExitCodes.OK);
        Map<String, JsonNode> byId = byId(check.json());
        assertThat(byId.get("agent-written").get("breaker").isNull()).isTrue();
        assertThat(byId.get("closed").get("breaker").asText()).isEqualTo("CLOSED");
        assertThat(byId.get("half-open").get("breaker").asText()).isEqualTo("HALF_OPEN");
    }

    @Test
    void redisDownExitsThreeWithOneLineNamingTheRedactedUrlWithinTheConnectTimeout() {
        String url = REDIS.url().replace("redis://", "redis://ops:pa55-w0rd@");
        REDIS.stop();
        try {
            CliResult result = Cli.run("-r", url, "status", "--json");

            assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
            assertThat(result.out()).isEmpty();
            assertThat(result.errLines()).singleElement().asString()
                    .startsWith("wmon: cannot reach Redis at redis://ops:****@")
                    .contains(":" + REDIS.port())
                    .contains("connection refused");
            assertThat(result.err()).doesNotContain("pa55-w0rd");
            // Connect timeout is 2 s; refused connections fail at once. Generous bound for a busy machine.
            assertThat(result.millis()).isLessThan(10_000);
        } finally {
            REDIS.start();
        }
    }

    /** Regression: picocli printed its message, then the whole usage help (2 to 31 lines), without "wmon: ". */
    @ParameterizedTest
    @ValueSource(strings = {"--bogus", "--interval=0", "--interval=abc", "--interval=-1", "--stale-after=0",
        "--stale-after=x", "--max-cycles=-1", "extra-argument", "-c --interval=0", "-c --max-cycles=-1"})
    void badFlagsAreOneUsageLinePointingAtTheHelp(String flags) {
        CliResult result = status(flags.split(" "));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errorLine()).endsWith("; see 'wmon status --help'").doesNotContain("Usage:");
    }

    @Test
    void checkWithContinuousIsAUsageErrorOfOneLine() {
        CliResult result = status("-c", "--check");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errorLine()).isEqualTo("--check cannot be combined with --continuous: --check answers once, "
                + "with an exit code; see 'wmon status --help'");
    }

    /** Regression: -i without -c was silently accepted, and did nothing. */
    @Test
    void anIntervalWithoutContinuousIsAUsageError() {
        CliResult result = status("-i", "2");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errorLine()).isEqualTo("--interval applies only with --continuous: add -c, or leave "
                + "--interval out; see 'wmon status --help'");
    }

    /** Regression: these overflowed and read "must be at least 0.001 seconds". */
    @Test
    void aHugeIntervalOrStaleAfterGivesTheAcceptedRange() {
        CliResult interval = status("-c", "-i", "1e309");
        CliResult staleAfter = status("--stale-after", "9223372036854775807");

        assertThat(interval.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(interval.errorLine()).isEqualTo("invalid value for option '--interval': '1e309' is too long: give "
                + "0.001 to 86400 seconds, decimals allowed; see 'wmon status --help'");
        assertThat(staleAfter.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(staleAfter.errorLine()).isEqualTo("invalid value for option '--stale-after': '9223372036854775807' "
                + "is too long: give 0.001 to 86400 seconds, decimals allowed; see 'wmon status --help'");
    }

    @Test
    void badUrlOrNamespaceIsAUsageErrorOfOneLine() {
        CliResult badUrl = Cli.run("-r", "http://x:secret@host", "status");
        assertThat(badUrl.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badUrl.errLines()).singleElement().asString().startsWith("wmon: invalid Redis URL")
                .doesNotContain("secret");

        CliResult badNamespace = Cli.run("-r", REDIS.url(), "-n", "no spaces", "status");
        assertThat(badNamespace.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badNamespace.errLines()).singleElement().asString().startsWith("wmon: invalid namespace");
    }

    static Map<String, JsonNode> byId(JsonNode doc) {
        Map<String, JsonNode> byId = new HashMap<>();
        doc.get("workers").forEach(worker -> byId.put(worker.get("id").asText(), worker));
        return byId;
    }
}
