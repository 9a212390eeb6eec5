package io.wmon.core.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedisEndpointTest {

    @Test
    void parsesAFullUrl() {
        RedisEndpoint e = RedisEndpoint.parse("redis://alice:s3cret@cache.internal:6380/2");

        assertThat(e.tls()).isFalse();
        assertThat(e.host()).isEqualTo("cache.internal");
        assertThat(e.port()).isEqualTo(6380);
        assertThat(e.database()).isEqualTo(2);
        assertThat(e.user()).isEqualTo("alice");
        assertThat(e.password()).isEqualTo("s3cret");
        assertThat(e.hasPassword()).isTrue();
    }

    @Test
    void defaultsPortAndDatabase() {
        RedisEndpoint e = RedisEndpoint.parse("redis://localhost");

        assertThat(e.port()).isEqualTo(6379);
        assertThat(e.database()).isZero();
        assertThat(e.user()).isNull();
        assertThat(e.hasPassword()).isFalse();
        assertThat(e).hasToString("redis://localhost:6379");
    }

    @Test
    void rediss_meansTls() {
        assertThat(RedisEndpoint.parse("rediss://h:6390").tls()).isTrue();
        assertThat(RedisEndpoint.parse("rediss://h:6390").redacted()).isEqualTo("rediss://h:6390");
    }

    @Test
    void passwordWithoutUser_inBothForms() {
        assertThat(RedisEndpoint.parse("redis://:pw@h").password()).isEqualTo("pw");
        assertThat(RedisEndpoint.parse("redis://:pw@h").user()).isNull();
        assertThat(RedisEndpoint.parse("redis://pw@h").password()).isEqualTo("pw");
        assertThat(RedisEndpoint.parse("redis://pw@h").user()).isNull();
    }

    @Test
    void percentEncodedPasswordIsDecoded() {
        assertThat(RedisEndpoint.parse("redis://u:p%40ss%2Fw+rd@h").password()).isEqualTo("p@ss/w+rd");
    }

    @Test
    void ipv6Host() {
        RedisEndpoint e = RedisEndpoint.parse("redis://[::1]:7000");

        assertThat(e.host()).isEqualTo("::1");
        assertThat(e.redacted()).isEqualTo("redis://[::1]:7000");
    }

    @Test
    void toStringAndRedactedNeverShowThePassword() {
        RedisEndpoint e = RedisEndpoint.parse("redis://alice:s3cret@h:1/3");

        assertThat(e.toString()).isEqualTo("redis://alice:****@h:1/3").doesNotContain("s3cret");
        assertThat(e.redacted()).doesNotContain("s3cret");
        assertThat(RedisEndpoint.parse("redis://:s3cret@h").toString()).isEqualTo("redis://:****@h:6379");
    }

    @Test
    void equalityKeysOnEveryPart() {
        assertThat(RedisEndpoint.parse("redis://H:6379")).isEqualTo(RedisEndpoint.parse("redis://h"));
        assertThat(RedisEndpoint.parse("redis://h/1")).isNotEqualTo(RedisEndpoint.parse("redis://h/2"));
        assertThat(RedisEndpoint.parse("redis://:a@h")).isNotEqualTo(RedisEndpoint.parse("redis://:b@h"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "localhost:6379", "http://h", "redis://", "redis://h:notaport",
        "redis://h:70000", "redis://h/abc", "redis://h/1/2", "redis://h?x=1", "redis://h#frag", "redis://h:0"})
    void badUrlsNameTheUrlAndTheAcceptedForms(String url) {
        assertThatThrownBy(() -> RedisEndpoint.parse(url))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining("invalid Redis URL")
                .hasMessageContaining("accepted forms: redis://[user:password@]host[:port][/db]");
    }

    @Test
    void badUrlErrorRedactsThePassword() {
        assertThatThrownBy(() -> RedisEndpoint.parse("redis://bob:hunter2@h:port"))
                .hasMessageContaining("redis://bob:****@h:port")
                .message().doesNotContain("hunter2");
        assertThatThrownBy(() -> RedisEndpoint.parse("redis://hunter2@h/x"))
                .message().doesNotContain("hunter2");
    }

    @Test
    void passwordsWithSlashesAtSignsAndControlCharactersNeverLeak() {
        assertThat(RedisEndpoint.redactUrl("redis://:pa/ss@h")).isEqualTo("redis://:****@h");
        assertThat(RedisEndpoint.redactUrl("redis://u:p@ss@h:1")).isEqualTo("redis://u:****@h:1");
        assertThat(RedisEndpoint.redactUrl("redis://u:a\nb@h")).isEqualTo("redis://u:****@h");
        assertThat(RedisEndpoint.redactUrl("redis://h:1/\n")).isEqualTo("redis://h:1/?");
        assertThatThrownBy(() -> RedisEndpoint.parse("redis://:pa/ss@h:x")).message()
                .doesNotContain("pa/ss").doesNotContain("ss@");
        String longSecret = "s".repeat(3_000);
        assertThatThrownBy(() -> RedisEndpoint.parse("redis://:" + longSecret + "@h")).message()
                .doesNotContain("sss");
    }

    @Test
    void hugeUrlIsRejectedWithoutEchoingIt() {
        String huge = "redis://h/" + "9".repeat(10_000);

        assertThatThrownBy(() -> RedisEndpoint.parse(huge))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining("longer than 2048")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(400));
    }

    @Test
    void nullIsRejected() {
        assertThatThrownBy(() -> RedisEndpoint.parse(null)).isInstanceOf(InvalidEndpointException.class);
    }

    @Test
    void withPasswordReplacesOnlyThePassword() {
        RedisEndpoint e = RedisEndpoint.parse("redis://u@h:1").withPassword("x");

        assertThat(e.password()).isEqualTo("x");
        assertThat(e.port()).isEqualTo(1);
    }
}
