package io.wmon.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wmon.core.redis.RedisEndpoint;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The escape rule: {@code \,} is a comma inside a value, {@code \\} a backslash, any other backslash stays. */
class OptionStringTest {

    private static final Map<String, String> ENV = Map.of("HOSTNAME", "node-1");

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "a=1,b=2            | [a=1, b=2]",
        "a=x\\,y            | [a=x,y]",
        "a=x\\\\,b=2        | [a=x\\, b=2]",
        "a=x\\\\\\,y        | [a=x\\,y]",
        "a=C:\\dir\\f       | [a=C:\\dir\\f]",
        "a=tail\\           | [a=tail\\]",
        "a=\\\\\\\\         | [a=\\\\]",
        "\\,                | [,]",
        "\",,\"             | [, , ]",
    })
    void segmentsFollowTheEscapeRule(String args, String segments) {
        assertThat(OptionString.segments(args)).hasToString(segments);
    }

    @Test
    void aMultiHostUrlTravelsWithEscapedCommas() {
        Map<OptionKey, String> options = OptionString.parse("redis=redis-sentinel://h1:26379\\,h2:26379/m,namespace=prod");

        assertThat(options).containsEntry(OptionKey.REDIS, "redis-sentinel://h1:26379,h2:26379/m")
                .containsEntry(OptionKey.NAMESPACE, "prod");
    }

    @Test
    void aCommaInAPasswordTravelsEscaped() {
        AgentOptions o = AgentOptions.parse("redis=redis://:pa\\,ss@h:6379,namespace=prod", ENV);

        assertThat(o.redis()).isEqualTo(RedisEndpoint.parse("redis://h:6379").withPassword("pa,ss"));
        assertThat(o.namespace()).isEqualTo("prod");
    }

    @Test
    void aLoneBackslashIsKeptAsItIs() {
        assertThat(OptionString.parse("passwordFile=C:\\secrets\\pw,id=w\\")).containsEntry(OptionKey.PASSWORD_FILE,
                "C:\\secrets\\pw").containsEntry(OptionKey.ID, "w\\");
        assertThat(OptionString.parse("passwordFile=C:\\\\secrets\\\\pw")).containsEntry(OptionKey.PASSWORD_FILE,
                "C:\\secrets\\pw");
    }

    @Test
    void trimmingAndTheLengthLimitApplyToTheUnescapedValue() {
        assertThat(OptionString.parse(" id = a\\,b ")).containsEntry(OptionKey.ID, "a,b");
        assertThat(OptionString.parse("id=" + "\\,".repeat(1024))).containsEntry(OptionKey.ID, ",".repeat(1024));
        assertThatThrownBy(() -> OptionString.parse("id=" + "\\,".repeat(1025))).hasMessageContaining("is too long");
    }

    @Test
    void aSegmentWithoutEqualsSaysHowToWriteAComma() {
        assertThatThrownBy(() -> OptionString.parse("namespace=prod,fleet")).hasMessage("wmon agent disabled: "
                + "option 'fleet' has no '='; write key=value, and a comma inside a value as \\,");
    }

    @Test
    void anUnescapedCommaInAUrlIsNamedWithoutShowingTheRest() {
        assertThatThrownBy(() -> OptionString.parse("redis=redis-sentinel://h1:26379,h2:26379/m"))
                .hasMessage("wmon agent disabled: an option after redis= has no '=' (not shown: it may be part of "
                        + "the URL); write key=value, and a comma inside a value as \\,");
        assertThatThrownBy(() -> OptionString.parse("redis=redis://:pa,Q7x=y@h"))
                .hasMessageStartingWith("wmon agent disabled: an option after redis= has an unknown key (not shown: "
                        + "it may be part of the URL); known keys: redis, ")
                .hasMessageEndingWith("; write a comma inside a value as \\,")
                .message().doesNotContain("Q7x");
    }

    @Test
    void aTypoRightAfterRedisStillGetsItsHint() {
        assertThatThrownBy(() -> OptionString.parse("redis=redis://h,namepsace=prod"))
                .hasMessage("wmon agent disabled: unknown key 'namepsace'; did you mean namespace?");
    }
}
