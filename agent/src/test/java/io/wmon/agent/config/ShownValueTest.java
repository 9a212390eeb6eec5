package io.wmon.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShownValueTest {

    @Test
    void quotesRedactsOnlyRedisValues() {
        assertThat(ShownValue.quoted(OptionKey.REDIS, "redis://:pw@h")).isEqualTo("'redis://****@h'");
        assertThat(ShownValue.quoted(OptionKey.REDIS, "redis://:a\nb")).isEqualTo("'redis://:****'");
        assertThat(ShownValue.quoted(OptionKey.ID, "a:b@c")).isEqualTo("'a:b@c'");
    }

    @Test
    void redactsBeforeCutting() {
        // Cut first, the '@' would be gone and the password's head shown.
        String url = "redis://:" + "S3cret".repeat(20) + "@h";

        assertThat(ShownValue.quoted(OptionKey.REDIS, url)).isEqualTo("'redis://****@h'");
    }

    @Test
    void cutsLongValues() {
        assertThat(ShownValue.text("x".repeat(61))).isEqualTo("x".repeat(60) + "...");
        assertThat(ShownValue.text("x".repeat(60))).isEqualTo("x".repeat(60));
    }

    @Test
    void neverCutsACharacterInHalf() {
        String emoji = "\uD83D\uDE00";

        assertThat(ShownValue.text("x".repeat(59) + emoji + "tail")).isEqualTo("x".repeat(59) + "...");
        assertThat(ShownValue.text("x".repeat(58) + emoji + "tail")).isEqualTo("x".repeat(58) + emoji + "...");
    }

    @Test
    void makesControlAndInvisibleCharactersVisible() {
        assertThat(ShownValue.text("a\nb\rc\td\u0000e\u007ff\u202eg\u2028h\u200bi"))
                .isEqualTo("a\\nb\\rc\\td\\u0000e\\u007ff\\u202eg\\u2028h\\u200bi");
    }

    @Test
    void showsNullAsNone() {
        assertThat(ShownValue.escape(null, 10)).isEqualTo("(none)");
    }
}
