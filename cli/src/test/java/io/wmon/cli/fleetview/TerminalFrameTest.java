package io.wmon.cli.fleetview;

import static io.wmon.cli.TestFleet.worker;
import static io.wmon.cli.text.TerminalBytes.BIDI;
import static io.wmon.cli.text.TerminalBytes.C1_CSI;
import static io.wmon.cli.text.TerminalBytes.CLEAR;
import static io.wmon.cli.text.TerminalBytes.CLIPBOARD;
import static io.wmon.cli.text.TerminalBytes.TITLE;
import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.cli.TestFleet;
import io.wmon.cli.text.TerminalBytes;
import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.fleet.FleetReader;
import io.wmon.core.fleet.FleetSnapshot;
import io.wmon.core.record.WorkerState;
import io.wmon.core.redis.PoolSettings;
import io.wmon.core.redis.RedisEndpoint;
import io.wmon.core.redis.SharedPool;
import io.wmon.core.redis.SharedPoolRegistry;
import io.wmon.test.RedisServerExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a terminal receives from the redrawn view: only wmon's own sequences, its banner on every frame. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TerminalFrameTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static FleetSnapshot read(String namespace) {
        try (SharedPool pool = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(REDIS.url()), "wmon:test:frame",
                PoolSettings.defaults())) {
            return new FleetReader(pool, FleetKeys.of(namespace), Clock.systemUTC()).read();
        }
    }

    private static DisplaySettings settings(String namespace) {
        return DisplaySettings.of(namespace, REDIS.url(), Duration.ofSeconds(2));
    }

    @Test
    void onATerminalEveryEscapeIsOneThatWmonWrote() {
        TestFleet fleet = new TestFleet(REDIS.url(), "tty");
        long now = System.currentTimeMillis();
        fleet.write(worker("clear", now, WorkerState.BUSY).host(CLEAR).job(TITLE).build(),
                worker("clip", now, WorkerState.IDLE).host(CLIPBOARD).job(C1_CSI + BIDI).build(),
                worker("stale", now - 60_000, WorkerState.BUSY).host("bel\u0007del\u007f").build());
        fleet.admin(jedis -> jedis.zadd(fleet.keys().workers(), now, "member" + CLEAR + TITLE));
        FleetSnapshot snapshot = read("tty");
        StringWriter out = new StringWriter();

        try (TerminalDisplay display = new TerminalDisplay(new PrintWriter(out), settings("tty"), true,
                TerminalSize.fixed(40, 120))) {
            display.show(snapshot);
            display.show(snapshot);
        }

        byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
        // The first frame clears the screen once; the data's own \x1b[2J never reaches the terminal.
        TerminalBytes.assertOnlyOwnSequences(bytes, 1);
        assertThat(Escapes.strip(out.toString())).contains("\\x1b[2J", "\\x1b]0;owned\\x07", "\\x9b31m", "\\u202e");
    }

    @Test
    void theBannerAndAnEmptyNamespaceHintStayOnScreenAndWrapAtSpaces() {
        FleetSnapshot empty = read("nobody");
        StringWriter out = new StringWriter();
        DisplaySettings settings = settings("nobody").withBanner(List.of("worker logs: /tmp/wmon-demo-123"));

        try (TerminalDisplay display = new TerminalDisplay(new PrintWriter(out), settings, false,
                TerminalSize.fixed(30, 41))) {
            display.showHint("wmon: namespace 'nobody' has no workers; namespaces with workers: prod");
            display.show(empty);
            display.show(empty);
        }

        String[] frames = out.toString().split("\u001b\\[H");
        assertThat(frames).hasSize(3);
        for (String frame : List.of(frames[1], frames[2])) {
            List<String> lines = Escapes.strip(frame).lines().toList();
            assertThat(lines.get(0)).matches("\\d\\d:\\d\\d:\\d\\d  wmon status  nobody @");
            assertThat(lines).contains("worker logs: /tmp/wmon-demo-123", "  namespaces with workers: prod")
                    .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(40));
        }
    }

    @Test
    void aWarningStaysInEveryFrameEvenWhenTheFleetHasWorkers() {
        TestFleet fleet = new TestFleet(REDIS.url(), "warned");
        fleet.write(worker("w-1", System.currentTimeMillis(), WorkerState.BUSY).build());
        FleetSnapshot snapshot = read("warned");
        StringWriter out = new StringWriter();

        try (TerminalDisplay display = new TerminalDisplay(new PrintWriter(out), settings("warned"), false,
                TerminalSize.fixed(30, 200))) {
            display.showWarning("Redis at redis://ro:****@h refused SET to user ro (NOPERM)\u001b[2J");
            display.showWarning("Redis at redis://ro:****@h refused SET to user ro (NOPERM)\u001b[2J");
            display.show(snapshot);
            display.show(snapshot);
        }

        String[] frames = out.toString().split("\u001b\\[H");
        assertThat(frames).hasSize(3);
        for (String frame : List.of(frames[1], frames[2])) {
            assertThat(Escapes.strip(frame).lines().filter(line -> line.startsWith("wmon: warning: ")))
                    .containsExactly("wmon: warning: Redis at redis://ro:****@h refused SET to user ro (NOPERM)\\x1b[2J");
        }
    }
}
