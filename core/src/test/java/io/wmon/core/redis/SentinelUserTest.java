package io.wmon.core.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The sentinels' ACL user: an option, else the environment; only for Sentinel URLs with a sentinel password. */
class SentinelUserTest {

    private static final RedisEndpoint SENTINEL = RedisEndpoint.parse("redis-sentinel://s1:26379,s2/jobs")
            .withSentinelPassword("S3ntinelS3cret");
    private static final RedisEndpoint PLAIN = RedisEndpoint.parse("redis://h");
    private static final String SOURCES = "--sentinel-password-file or WMON_SENTINEL_PASSWORD";

    @Test
    void anOptionWinsOverTheEnvironmentAndAnEmptyVariableCountsAsUnset() {
        assertThat(SentinelUser.apply(SENTINEL, "--sentinel-user", "watcher", "other", SOURCES).sentinelUser())
                .isEqualTo("watcher");
        assertThat(SentinelUser.apply(SENTINEL, "--sentinel-user", null, "other", SOURCES).sentinelUser()).isEqualTo("other");
        assertThat(SentinelUser.apply(SENTINEL, "--sentinel-user", null, "", SOURCES)).isSameAs(SENTINEL);
        assertThat(SentinelUser.apply(SENTINEL, "--sentinel-user", null, null, SOURCES)).isSameAs(SENTINEL);
    }

    @Test
    void anOptionForAUrlWithoutSentinelsIsAMistakeTheEnvironmentIsNot() {
        assertThatThrownBy(() -> SentinelUser.apply(PLAIN, "--sentinel-user", "watcher", null, SOURCES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--sentinel-user is given, but redis://h:6379 is no Redis Sentinel URL"
                        + " (redis-sentinel://host:26379/<master>)");
        assertThat(SentinelUser.apply(PLAIN, "--sentinel-user", null, "watcher", SOURCES)).isSameAs(PLAIN);
        assertThatThrownBy(() -> PLAIN.withSentinelUser("watcher")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aUserNeedsAPasswordAndAName() {
        RedisEndpoint noPassword = RedisEndpoint.parse("redis-sentinel://s1/jobs");
        assertThatThrownBy(() -> SentinelUser.apply(noPassword, "--sentinel-user", "watcher", null, SOURCES))
                .hasMessage("--sentinel-user names the sentinels' ACL user watcher, but no sentinel password is given ("
                        + SOURCES + ")");
        assertThatThrownBy(() -> SentinelUser.apply(SENTINEL, "--sentinel-user", "", null, SOURCES))
                .hasMessage("--sentinel-user is empty: name the sentinels' ACL user, or leave it out for their default user");
        assertThatThrownBy(() -> SentinelUser.apply(SENTINEL, "--sentinel-user", "a\u0000b", null, SOURCES))
                .hasMessage("--sentinel-user holds a space, a control or a format character (at 2); an ACL user name has none");
        assertThatThrownBy(() -> SentinelUser.apply(SENTINEL, "--sentinel-user", null, "a b", SOURCES))
                .hasMessage("WMON_SENTINEL_USER holds a space, a control or a format character (at 2); an ACL user name has none");
        assertThatThrownBy(() -> SentinelUser.apply(SENTINEL, "--sentinel-user", "ops\u202Eresu", null, SOURCES))
                .hasMessage("--sentinel-user holds a space, a control or a format character (at 4); an ACL user name has none");
        assertThat(SentinelUser.apply(SENTINEL, "--sentinel-user", "opérateur", null, SOURCES).sentinelUser())
                .isEqualTo("opérateur");
        assertThatThrownBy(() -> SentinelUser.apply(SENTINEL, "--sentinel-user", "u".repeat(129), null, SOURCES))
                .hasMessage("--sentinel-user is 129 characters long; an ACL user name here is at most 128");
    }

    @Test
    void itIsPartOfTheEndpointsIdentityNeverOfItsText() {
        RedisEndpoint watcher = SENTINEL.withSentinelUser("watcher");

        assertThat(watcher).isNotEqualTo(SENTINEL).isEqualTo(SENTINEL.withSentinelUser("watcher"));
        assertThat(watcher.redacted()).isEqualTo(SENTINEL.redacted()).doesNotContain("watcher");
        assertThat(watcher.withPassword("x").sentinelUser()).as("kept by the other copies").isEqualTo("watcher");
        assertThat(watcher.withSentinelPassword("y").sentinelUser()).isEqualTo("watcher");
    }
}
