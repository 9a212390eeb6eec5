package io.wmon.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationValueTest {

    @Test
    void readsEachUnit() {
        assertThat(DurationValue.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationValue.parse("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(DurationValue.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationValue.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationValue.parse("0s")).isEqualTo(Duration.ZERO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "5x", "5S", "5 s", "1.5s", "-5s", "+5s", "s", "PT5S", "5sec", "9999999999s", ""})
    void refusesAnythingElse(String text) {
        assertThat(DurationValue.parse(text)).isNull();
    }

    @Test
    void aBareNumberIsTheMistakeWorthNaming() {
        assertThat(DurationValue.lacksUnit("500")).isTrue();
        assertThat(DurationValue.lacksUnit("500ms")).isFalse();
    }

    @Test
    void formatsInTheLargestExactUnit() {
        assertThat(DurationValue.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(DurationValue.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(DurationValue.format(Duration.ofSeconds(120))).isEqualTo("2m");
        assertThat(DurationValue.format(Duration.ofMinutes(60))).isEqualTo("1h");
        assertThat(DurationValue.format(Duration.ZERO)).isEqualTo("0s");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1ms", "999ms", "1s", "61s", "59m", "3h"})
    void formatReadsBack(String text) {
        assertThat(DurationValue.parse(DurationValue.format(DurationValue.parse(text))))
                .isEqualTo(DurationValue.parse(text));
    }
}
