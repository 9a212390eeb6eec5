package io.wmon.cli.command.jmx;

import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.cli.text.TerminalBytes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** {@code wmon jmx} text: instants as local date-times with ages, durations as numbers, nothing raw. */
class JmxTextTest {

    private static final long NOW = 1_795_866_547_000L; // 2026-11-28 11:49:07 UTC
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneId.of("Europe/Berlin"));

    private static String text(String objectName, Map<String, Object> values, Map<String, String> errors)
            throws Exception {
        StringWriter out = new StringWriter();
        JmxText.writeReadings(new PrintWriter(out), List.of(new MBeanReading(new ObjectName(objectName),
                new TreeMap<>(values), new TreeMap<>(errors))), CLOCK);
        return out.toString();
    }

    @Test
    void epochMillisecondsAreShownAsALocalDateTimeAndAnAge() throws Exception {
        String text = text("io.wmon:type=Worker", Map.of("StartedAtMillis", NOW - 303_000L,
                "LastHeartbeatMillis", NOW - 1_200L, "HeartbeatCount", 118L), Map.of());

        assertThat(text).contains("StartedAtMillis      2026-11-28 12:44:04 +01:00 (5m03s ago)")
                .contains("LastHeartbeatMillis  2026-11-28 12:49:05 +01:00 (1.2s ago)")
                .contains("HeartbeatCount       118");
    }

    @Test
    void durationsStayNumbersAndAnInstantNotYetSeenSaysSo() throws Exception {
        String text = text("io.wmon:type=RedisPool,name=p", Map.of("MeanBorrowWaitMillis", 12L,
                "MaxBorrowWaitMillis", 1_795_866_547_000L, "LastHeartbeatMillis", -1L), Map.of());

        assertThat(text).contains("MeanBorrowWaitMillis  12").contains("MaxBorrowWaitMillis   1795866547000")
                .contains("LastHeartbeatMillis   none yet (-1)");
        assertThat(JmxText.isInstant("StartedAtMillis")).isTrue();
        assertThat(JmxText.isInstant("LastHeartbeatMillis")).isTrue();
        assertThat(JmxText.isInstant("MeanBorrowWaitMillis")).isFalse();
    }

    @Test
    void valuesNamesAndReasonsReachTheTerminalEscaped() throws Exception {
        String text = text("io.wmon:type=Worker,name=" + ObjectName.quote("w" + TerminalBytes.BIDI),
                Map.of("CurrentJob", "job" + TerminalBytes.CLEAR + TerminalBytes.CLIPBOARD, "Host", "h"
                        + TerminalBytes.C1_CSI + TerminalBytes.TITLE),
                Map.of("State", "failed: " + TerminalBytes.TITLE));

        TerminalBytes.assertInert(text.getBytes(StandardCharsets.UTF_8));
        assertThat(text).contains(TerminalBytes.escapedForms()).contains("<unreadable: failed: \\x1b]0;owned\\x07>");
    }

    @Test
    void aHugeValueIsCutAsItIsBuilt() {
        String huge = "\u001b[2J".repeat(1_000_000);

        assertThat(OpenValueText.render(new String[] {huge, huge})).hasSize(OpenValueText.WIDTH)
                .startsWith("[\\x1b[2J").endsWith(io.wmon.cli.text.SafeText.CUT_MARK);
    }
}
