package io.wmon.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Regression: with Redis at maxclients the agent logged a warning on every beat (19 in 19 s). */
class OutageLogTest {

    private static final String CAUSE = "cannot reach Redis at redis://cache:6379 (maxclients reached)";

    private final Logger logger = Logger.getLogger(OutageLog.class.getName());
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getLevel() + " " + new SimpleFormatter().formatMessage(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final OutageLog log = new OutageLog("redis://cache:6379");

    {
        logger.setUseParentHandlers(false);
        logger.addHandler(capture);
    }

    @AfterEach
    void release() {
        logger.removeHandler(capture);
        logger.setUseParentHandlers(true);
    }

    @Test
    void anOutageOfTenMinutesAtOneBeatASecondIsOneLineAMinuteAndOneAtTheEnd() {
        long start = 1_000_000;
        for (int beat = 0; beat < 600; beat++) {
            log.failed(start + beat * 1_000L, CAUSE, 1_000);
        }
        log.succeeded(start + 600_000);

        assertThat(lines).hasSize(1 + 9 + 1);
        assertThat(lines.get(0)).startsWith("WARNING wmon heartbeat failed: " + CAUSE);
        assertThat(lines.get(1)).isEqualTo("WARNING wmon heartbeat still failing after 60 s: 61 beats missed; last: "
                + CAUSE);
        assertThat(lines.get(10)).isEqualTo(
                "INFO wmon heartbeat restored: Redis at redis://cache:6379 answers again after 600 s; 600 beats missed");
        assertThat(lines).noneMatch(line -> line.contains("\n") || line.contains("io.wmon.shaded"));
    }

    @Test
    void aBeatThatSucceedsWithoutAnOutageLogsNothing() {
        log.succeeded(1_000);
        log.succeeded(2_000);
        assertThat(lines).isEmpty();
        assertThat(log.inOutage()).isFalse();
    }

    @Test
    void aSecondOutageStartsItsOwnCount() {
        log.failed(0, CAUSE, 5_000);
        log.succeeded(5_000);
        log.failed(100_000, CAUSE, 5_000);
        log.failed(105_000, CAUSE, 5_000);
        log.succeeded(110_000);

        assertThat(lines).hasSize(4);
        assertThat(lines.get(3)).endsWith("after 10 s; 2 beats missed");
        assertThat(OutageLog.beats(1)).isEqualTo("1 beat");
        assertThat(OutageLog.beats(0)).isEqualTo("0 beats");
    }
}
