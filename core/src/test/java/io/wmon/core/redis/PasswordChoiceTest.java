package io.wmon.core.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.core.redis.PasswordChoice.Source;
import org.junit.jupiter.api.Test;

/** One order for the agent and the CLI: a password file, else the URL's own password, else WMON_REDIS_PASSWORD. */
class PasswordChoiceTest {

    private static final RedisEndpoint BARE = RedisEndpoint.parse("redis://h");
    private static final RedisEndpoint WITH_PASSWORD = RedisEndpoint.parse("redis://app:from-url@h");
    private static final String FILE = "passwordFile /run/secrets/redis";

    @Test
    void aPasswordFileBeatsTheUrlAndTheEnvironment() {
        PasswordChoice choice = PasswordChoice.choose(WITH_PASSWORD, FILE, "from-file", "from-env");

        assertThat(choice.endpoint()).isEqualTo(RedisEndpoint.parse("redis://app:from-file@h"));
        assertThat(choice.source()).isEqualTo(Source.FILE);
        assertThat(choice.describe()).isEqualTo("from passwordFile /run/secrets/redis");
    }

    @Test
    void theUrlsOwnPasswordBeatsTheEnvironment() {
        PasswordChoice choice = PasswordChoice.choose(WITH_PASSWORD, null, null, "from-env");

        assertThat(choice.endpoint()).isEqualTo(WITH_PASSWORD);
        assertThat(choice.source()).isEqualTo(Source.URL);
        assertThat(choice.describe()).isEqualTo("from the URL");
    }

    @Test
    void theEnvironmentSuppliesAPasswordTheUrlLacks() {
        PasswordChoice choice = PasswordChoice.choose(BARE, null, null, "from-env");

        assertThat(choice.endpoint()).isEqualTo(RedisEndpoint.parse("redis://:from-env@h"));
        assertThat(choice.source()).isEqualTo(Source.ENVIRONMENT);
        assertThat(choice.describe()).isEqualTo("from WMON_REDIS_PASSWORD");
    }

    @Test
    void anEmptyEnvironmentVariableCountsAsUnset() {
        PasswordChoice choice = PasswordChoice.choose(BARE, null, null, "");

        assertThat(choice.endpoint()).isEqualTo(BARE);
        assertThat(choice.endpoint().hasPassword()).isFalse();
        assertThat(choice.source()).isEqualTo(Source.NONE);
        assertThat(choice.describe()).isEqualTo("none");
        assertThat(PasswordChoice.choose(BARE, null, null, null).source()).isEqualTo(Source.NONE);
    }

    @Test
    void describeNeverShowsThePassword() {
        for (PasswordChoice choice : new PasswordChoice[] {
            PasswordChoice.choose(WITH_PASSWORD, FILE, "S3cret", "S3cret"),
            PasswordChoice.choose(RedisEndpoint.parse("redis://:S3cret@h"), null, null, "S3cret"),
            PasswordChoice.choose(BARE, null, null, "S3cret")}) {
            assertThat(choice.describe()).doesNotContain("S3cret");
            assertThat(choice.endpoint().toString()).doesNotContain("S3cret");
        }
    }
}
