package io.wmon.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettingTest {

    private static final Duration MIN = Duration.ZERO;
    private static final Duration MAX = Duration.ofSeconds(Long.MAX_VALUE);

    private static Setting interval(String value) {
        return new Setting(OptionKey.INTERVAL, value, "");
    }

    private static Setting ports(String value) {
        return new Setting(OptionKey.REDIS_PORTS, value, "");
    }

    @Test
    void readsEachUnit() {
        assertThat(interval("500ms").duration(MIN, MAX)).isEqualTo(Duration.ofMillis(500));
        assertThat(interval("5s").duration(MIN, MAX)).isEqualTo(Duration.ofSeconds(5));
        assertThat(interval("2m").duration(MIN, MAX)).isEqualTo(Duration.ofMinutes(2));
        assertThat(interval("1h").duration(MIN, MAX)).isEqualTo(Duration.ofHours(1));
        assertThat(interval("0s").duration(MIN, MAX)).isEqualTo(Duration.ZERO);
        assertThat(interval("999999999h").duration(MIN, MAX)).isEqualTo(Duration.ofHours(999_999_999));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5x", "5S", "5 s", "1.5s", "-5s", "+5s", "s", "PT5S", "5sec", "9999999999s", "5ms5"})
    void refusesAnythingElseAsADuration(String text) {
        assertThatThrownBy(() -> interval(text).duration(MIN, MAX))
                .hasMessage("wmon agent disabled: interval='" + text + "' is not a duration; use e.g. 500ms, 5s, 2m");
    }

    @Test
    void aBareNumberIsTheMistakeWorthNaming() {
        assertThatThrownBy(() -> interval("500").duration(MIN, MAX))
                .hasMessage("wmon agent disabled: interval='500' has no unit; use e.g. 500ms, 5s, 2m");
    }

    @Test
    void formatsInTheLargestExactUnit() {
        assertThat(Setting.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Setting.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Setting.format(Duration.ofSeconds(120))).isEqualTo("2m");
        assertThat(Setting.format(Duration.ofMinutes(60))).isEqualTo("1h");
        assertThat(Setting.format(Duration.ZERO)).isEqualTo("0s");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1ms", "999ms", "1s", "61s", "59m", "3h"})
    void formatReadsBack(String text) {
        Duration d = interval(text).duration(MIN, MAX);

        assertThat(interval(Setting.format(d)).duration(MIN, MAX)).isEqualTo(d);
    }

    @Test
    void readsPortsJoinedWithPlus() {
        assertThat(ports("6380+6379").ports()).containsExactly(6379, 6380);
        assertThat(ports("7000").ports()).containsExactly(7000);
        assertThat(ports(" 1 + 65535 ").ports()).containsExactly(1, 65535);
        assertThat(ports("6379+6379").ports()).containsExactly(6379);
    }

    @Test
    void explainsWhatIsWrongWithAPortList() {
        String form = "; use e.g. 6379+6380 (ports 1..65535 joined with '+')";
        assertThatThrownBy(() -> ports("6379;6380").ports()).hasMessageEndingWith("is not a list of ports" + form);
        assertThatThrownBy(() -> ports("6379,6380").ports()).hasMessageEndingWith("is not a list of ports" + form);
        assertThatThrownBy(() -> ports("+6379").ports()).hasMessageEndingWith("has an empty entry" + form);
        assertThatThrownBy(() -> ports("6379+").ports()).hasMessageEndingWith("has an empty entry" + form);
        assertThatThrownBy(() -> ports("0").ports()).hasMessageEndingWith("has a port out of range" + form);
        assertThatThrownBy(() -> ports("65536").ports()).hasMessageEndingWith("has a port out of range" + form);
        assertThatThrownBy(() -> ports("99999999999999").ports()).hasMessageEndingWith("has a port out of range" + form);
        assertThatThrownBy(() -> ports("1" + "+1".repeat(64)).ports()).hasMessageEndingWith("lists more than 64 ports" + form);
    }

    @Test
    void portsCannotBeModified() {
        assertThatThrownBy(() -> ports("1").ports().add(2)).isInstanceOf(UnsupportedOperationException.class);
    }
}
