package io.wmon.core.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
                .hasMessageEndingWith("; accepted forms: " + RedisEndpoint.ACCEPTED_FORMS);
        assertThat(RedisEndpoint.ACCEPTED_FORMS).isEqualTo("redis[s]://[user:password@]host[:port][/db], "
                + "redis[s]-sentinel://[user:password@]host[:port][,host[:port]...]/master[/db], "
                + "redis[s]-cluster://[user:password@]host[:port][,host[:port]...]");
    }

    @Test
    void badUrlErrorShowsTheUrlRedacted() {
        assertThatThrownBy(() -> RedisEndpoint.parse("redis://bob:hunter2@h:port"))
                .hasMessage("invalid Redis URL 'redis://****@h:port' (no host, or a port that is not a number); "
                        + "accepted forms: " + RedisEndpoint.ACCEPTED_FORMS);
        assertThatThrownBy(() -> RedisEndpoint.parse("redis://hunter2@h/x"))
                .message().doesNotContain("hunter2");
    }

    @Test
    void badUrlErrorIsOneLineWithTheUrlCut() {
        assertThatThrownBy(() -> RedisEndpoint.parse("redis://h:1/\n\u00070"))
                .hasMessageStartingWith("invalid Redis URL 'redis://h:1/\\n\\u00070' (");
        assertThatThrownBy(() -> RedisEndpoint.parse("redis://h/" + "9".repeat(100)))
                .hasMessageStartingWith("invalid Redis URL 'redis://h/" + "9".repeat(50) + "...' (database");
        // Redacted first, then cut: the '@' that ends a long password is not cut off with the password's head.
        assertThatThrownBy(() -> RedisEndpoint.parse("redis://:" + "S3cret".repeat(20) + "@h:x"))
                .hasMessageStartingWith("invalid Redis URL 'redis://****@h:x' (");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "redis://:S3cret@h:6379          | redis://****@h:6379",
        "redis://user:S3cret@h           | redis://****@h",
        "redis://:S3c@ret@h:1            | redis://****@h:1",
        "redis://:S3c/ret@h              | redis://****@h",
        "redis://:S3c,ret@h:x            | redis://****@h:x",
        "redis-sentinel://:S3c@h1,h2/m   | redis-sentinel://****@h1,h2/m",
        "redis://:S3cret                 | redis://:****",
        "redis://user:S3cret             | redis://user:****",
        "redis://:S3cret/0               | redis://:****",
        "redis://:S3c/ret                | redis://:****",
        "redis://:S3c,ret                | redis://:****",
        "redis://:1234                   | redis://:****",
        "redis://h:6379/0                | redis://h:6379/0",
        "redis://h                       | redis://h",
        "redis://[::1]                   | redis://[::1]",
        "redis://[::1]:7000/1            | redis://[::1]:7000/1",
        "redis-cluster://h1:7000,h2:7001 | redis-cluster://h1:7000,h2:7001",
        "redis-cluster://h1:7000,        | redis-cluster://h1:7000,",
        "redis-cluster://h1:7000,h2:S3c  | redis-cluster://h1:7000,h2:****",
        "redis-cluster://h1:S3c,h2:7001  | redis-cluster://h1:****",
        "redis-sentinel://h1,[::1]:1/m   | redis-sentinel://h1,[::1]:1/m",
        "S3c@h                           | ****@h",
        "localhost:6379                  | localhost:6379",
    })
    void redactsAnythingThatMayBeAPassword(String url, String shown) {
        assertThat(RedisEndpoint.redactUrl(url)).isEqualTo(shown);
    }

    @Test
    void redactionMakesControlCharactersVisible() {
        assertThat(RedisEndpoint.redactUrl("redis://u:a\nb@h")).isEqualTo("redis://****@h");
        assertThat(RedisEndpoint.redactUrl("redis://h:1/\n\r\t\u0000\u202e")).isEqualTo("redis://h:1/\\n\\r\\t\\u0000\\u202e");
        assertThat(RedisEndpoint.redactUrl(null)).isNull();
    }

    @Test
    void passwordsWithSlashesAtSignsAndControlCharactersNeverLeak() {
        assertThatThrownBy(() -> RedisEndpoint.parse("redis://:pa/ss@h:x")).message()
                .doesNotContain("pa/ss").doesNotContain("ss@");
        assertThatThrownBy(() -> RedisEndpoint.parse("redis://:S3c\nret@h")).message()
                .doesNotContain("S3c").doesNotContain("ret@");
        assertThatThrownBy(() -> RedisEndpoint.parse("redis://:S3c/ret")).message()
                .doesNotContain("S3c").doesNotContain("ret");
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
