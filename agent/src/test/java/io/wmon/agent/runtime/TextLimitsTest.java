package io.wmon.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextLimitsTest {

    private final TextLimits limits = new TextLimits();

    @Test
    void aValueWithinItsLimitIsKeptAndNotCounted() {
        assertThat(limits.cut("job-1", 8)).isEqualTo("job-1");
        assertThat(limits.cut("12345678", 8)).isEqualTo("12345678");
        assertThat(limits.cut(null, 8)).isNull();
        assertThat(limits.cutCount()).isZero();
    }

    @Test
    void aLongerValueKeepsItsStartAndAnEllipsisAtTheLimitAndIsCounted() {
        String cut = limits.cut("x".repeat(1_000_000), TextLimits.JOB);

        assertThat(cut).hasSize(TextLimits.JOB).startsWith("xxx").endsWith("\u2026");
        assertThat(limits.cut("abcdefghij", 5)).isEqualTo("abcd\u2026");
        assertThat(limits.cutCount()).isEqualTo(2);
    }

    @Test
    void neverHalfASurrogatePair() {
        String cut = limits.cut("abc\uD83D\uDE00def", 5);

        assertThat(cut).isEqualTo("abc\u2026");
        assertThat(cut.chars().noneMatch(c -> Character.isSurrogate((char) c))).isTrue();
    }
}
