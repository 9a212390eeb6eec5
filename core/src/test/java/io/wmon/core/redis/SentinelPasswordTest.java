package io.wmon.core.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The sentinels' password: a file, else the environment; only for Sentinel URLs; never printed. */
class SentinelPasswordTest {

    private static final RedisEndpoint SENTINEL = RedisEndpoint.parse("redis-sentinel://:MasterS3cret@s1:26379,s2/jobs");
    private static final RedisEndpoint PLAIN = RedisEndpoint.parse("redis://:MasterS3cret@h");

    @Test
    void aFileWinsOverTheEnvironment() {
        RedisEndpoint chosen = SentinelPassword.apply(SENTINEL, "--sentinel-password-file f", "FileS3cret", "EnvS3cret");

        assertThat(chosen.sentinelPassword()).isEqualTo("FileS3cret");
        assertThat(chosen.password()).as("the master's stays the URL's").isEqualTo("MasterS3cret");
    }

    @Test
    void theEnvironmentServesWhenNoFileIsNamedAndAnEmptyOneCountsAsUnset() {
        assertThat(SentinelPassword.apply(SENTINEL, null, null, "EnvS3cret").sentinelPassword()).isEqualTo("EnvS3cret");
        assertThat(SentinelPassword.apply(SENTINEL, null, null, "").hasSentinelPassword()).isFalse();
        assertThat(SentinelPassword.apply(SENTINEL, null, null, null)).isEqualTo(SENTINEL);
    }

    @Test
    void aFileForAUrlWithoutSentinelsIsAMistakeTheEnvironmentIsNot() {
        assertThatThrownBy(() -> SentinelPassword.apply(PLAIN, "--sentinel-password-file f", "FileS3cret", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--sentinel-password-file f is given, but redis://:****@h:6379 is no Redis Sentinel URL"
                        + " (redis-sentinel://host:26379/<master>)");
        assertThat(SentinelPassword.apply(PLAIN, null, null, "EnvS3cret")).isSameAs(PLAIN);
        assertThatThrownBy(() -> PLAIN.withSentinelPassword("x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void itIsPartOfTheEndpointsIdentityButNeverOfItsText() {
        RedisEndpoint a = SENTINEL.withSentinelPassword("AS3cret");
        RedisEndpoint b = SENTINEL.withSentinelPassword("BS3cret");

        assertThat(a).isNotEqualTo(b).isNotEqualTo(SENTINEL).isEqualTo(SENTINEL.withSentinelPassword("AS3cret"));
        assertThat(a.redacted()).isEqualTo(SENTINEL.redacted()).doesNotContain("S3cret");
        assertThat(a.toString()).doesNotContain("S3cret");
        assertThat(a.withPassword("other").sentinelPassword()).as("kept by the other copies").isEqualTo("AS3cret");
    }
}
