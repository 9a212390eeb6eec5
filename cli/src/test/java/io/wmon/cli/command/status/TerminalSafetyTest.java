package io.wmon.cli.command.status;

import static io.wmon.cli.TestFleet.worker;
import static io.wmon.cli.text.TerminalBytes.BIDI;
import static io.wmon.cli.text.TerminalBytes.C1_CSI;
import static io.wmon.cli.text.TerminalBytes.CLEAR;
import static io.wmon.cli.text.TerminalBytes.CLIPBOARD;
import static io.wmon.cli.text.TerminalBytes.TITLE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wmon.cli.Cli;
import io.wmon.cli.CliResult;
import io.wmon.cli.TestFleet;
import io.wmon.cli.text.SafeText;
import io.wmon.cli.text.TerminalBytes;
import io.wmon.core.record.WorkerState;
import io.wmon.test.RedisServerExtension;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Regression: ids, hosts, job ids and error texts come from Redis, written by anyone, and reached
 * stdout raw; {@code \x1b[2J}, an OSC title or OSC 52 (clipboard) in a field cleared the screen or
 * wrote the clipboard of whoever ran {@code wmon status}. Asserted on the bytes of stdout.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TerminalSafetyTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String NS = "hostile";

    @BeforeEach
    void hostileFleet() {
        REDIS.flushAll();
        TestFleet fleet = new TestFleet(REDIS.url(), NS);
        long now = System.currentTimeMillis();
        fleet.write(worker("clear", now, WorkerState.BUSY).host(CLEAR + "host").job("job" + TITLE).build(),
                worker("clip", now, WorkerState.BUSY).host("h" + CLIPBOARD).job("invoice" + C1_CSI + BIDI + "fdp.exe")
                        .build(),
                worker("stale", now - 60_000, WorkerState.IDLE).host("del\u007fbel\u0007").build());
        fleet.admin(jedis -> {
            // A registry member that is no valid id: shown in the table and in its "invalid" line.
            jedis.zadd(fleet.keys().workers(), now, "member" + CLEAR + TITLE);
            // A readable record with a field it cannot read: the problem text quotes the value.
            jedis.hset(fleet.keys().worker("odd"), Map.of("v", "1", "id", "odd", "beat", Long.toString(now),
                    "interval", "5000", "state", "idle", "pid", "1" + CLIPBOARD, "breaker", "OPEN" + C1_CSI));
            jedis.pexpire(fleet.keys().worker("odd"), 60_000);
            jedis.zadd(fleet.keys().workers(), now, "odd");
        });
    }

    private static CliResult status(String... args) {
        String[] all = new String[args.length + 5];
        System.arraycopy(new String[] {"-r", REDIS.url(), "-n", NS, "status"}, 0, all, 0, 5);
        System.arraycopy(args, 0, all, 5, args.length);
        return Cli.run(all);
    }

    @Test
    void theTableAndItsInvalidLinesShowEscapesNeverTheSequences() {
        CliResult result = status();

        byte[] out = result.out().getBytes(StandardCharsets.UTF_8);
        TerminalBytes.assertInert(out);
        assertThat(result.out()).contains(TerminalBytes.escapedForms()).contains("del\\x7fbel\\x07")
                .contains("invalid member\\x1b[2J\\x1b]0;owned\\x07: registry member is not a valid worker id");
    }

    @Test
    void everyContinuousBlockIsSafeToo() {
        CliResult result = status("-c", "-i", "0.01", "--max-cycles", "3");

        TerminalBytes.assertInert(result.out().getBytes(StandardCharsets.UTF_8));
        assertThat(result.out().split("\n\n")).hasSize(3);
    }

    @Test
    void jsonKeepsTheValuesWholeAndEscapedTheJsonWay() {
        JsonNode doc = status("--json").json();

        assertThat(doc.toString()).doesNotContain("\u001b");
        JsonNode clear = StatusCommandTest.byId(doc).get("clear");
        assertThat(clear.get("host").asText()).isEqualTo(CLEAR + "host");
        assertThat(clear.get("job").asText()).isEqualTo("job" + TITLE);
        assertThat(status("--json").out()).contains("\\u001B[2J").doesNotContain("\u001b");
    }

    @Test
    void theHintOfAnEmptyNamespaceIsEscapedAsWell() {
        CliResult result = Cli.run("-r", REDIS.url(), "-n", "empty", "status");

        assertThat(result.err()).contains("namespaces with workers: hostile").doesNotContain("\u001b");
        assertThat(SafeText.escape(result.err())).isEqualTo(result.err().replace("\n", "\\n"));
    }
}
