package io.wmon.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OptionKeyTest {

    @Test
    void keysAreCaseSensitive() {
        assertThat(OptionKey.lookup("poolMaxTotal")).isEqualTo(OptionKey.POOL_MAX_TOTAL);
        assertThat(OptionKey.lookup("poolmaxtotal")).isNull();
        assertThat(OptionKey.lookup("REDIS")).isNull();
    }

    @Test
    void onlyThreeKeysComeFromTheEnvironment() {
        assertThat(OptionKey.REDIS.envVar()).isEqualTo("WMON_REDIS_URL");
        assertThat(OptionKey.NAMESPACE.envVar()).isEqualTo("WMON_NAMESPACE");
        assertThat(OptionKey.ID.envVar()).isEqualTo("WMON_ID");
        assertThat(OptionKey.INTERVAL.envVar()).isNull();
    }

    @Test
    void everyKeyIsInEffectInThisVersion() {
        assertThat(Arrays.stream(OptionKey.values()).filter(k -> !k.inEffect()).map(OptionKey::key)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "namepsace, namespace",   // swapped letters
        "namespce, namespace",    // one missing
        "NAMESPACE, namespace",   // case
        "reids, redis",
        "intervall, interval",
        "ids, id",
        "redisUrl, redis",        // starts with a key
        "password, passwordFile", // the start of a key
        "leak, leakThreshold",
        "redisPort, redisPorts",
        "mod, mode",
        "configFile, config",
    })
    void suggestsTheNearestKey(String typed, String meant) {
        assertThat(OptionKey.closest(typed).key()).isEqualTo(meant);
    }

    @ParameterizedTest
    @ValueSource(strings = {"colour", "x", "host", "timeout", "verbose"})
    void suggestsNothingWhenNothingIsNear(String typed) {
        assertThat(OptionKey.closest(typed)).isNull();
    }
}
