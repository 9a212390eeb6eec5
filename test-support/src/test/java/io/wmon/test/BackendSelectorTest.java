package io.wmon.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BackendSelectorTest {

    private static BackendSelector selector(Map<String, String> properties, Map<String, String> environment) {
        return new BackendSelector(properties::get, environment::get);
    }

    @Test
    void anExternalUrlWinsOverDetection() {
        BackendSelector fromEnv = selector(Map.of(), Map.of("REDIS_URL", "redis://127.0.0.1:7000"));
        BackendSelector fromProperty = selector(Map.of("wmon.test.redis.url", "redis://127.0.0.1:7001"), Map.of());

        assertThat(fromEnv.kind(null)).isEqualTo("external");
        assertThat(fromEnv.externalUrl()).isEqualTo("redis://127.0.0.1:7000");
        assertThat(fromProperty.kind(null)).isEqualTo("external");
    }

    @Test
    void aForcedKindWinsOverTheUrl() {
        Map<String, String> url = Map.of("REDIS_URL", "redis://127.0.0.1:7000");

        assertThat(selector(Map.of("wmon.test.redis", "embedded"), url).kind(null)).isEqualTo("embedded");
        assertThat(selector(Map.of(), Map.of("WMON_TEST_REDIS", "redis-server")).kind(null)).isEqualTo("redis-server");
        assertThat(selector(Map.of("wmon.test.redis", "embedded"), url).kind("redis-server")).isEqualTo("redis-server");
    }

    @Test
    void propertiesWinOverTheEnvironment() {
        BackendSelector both = selector(Map.of("wmon.test.redis", "embedded"), Map.of("WMON_TEST_REDIS", "container"));

        assertThat(both.kind(null)).isEqualTo("embedded");
    }

    @Test
    void blankSettingsCountAsAbsent() {
        BackendSelector blank = selector(Map.of("wmon.test.redis", " ", "wmon.test.redis.url", ""),
                Map.of("WMON_TEST_REDIS", "embedded"));

        assertThat(blank.kind(null)).isEqualTo("embedded");
        assertThat(blank.externalUrl()).isNull();
    }

    @Test
    void rejectsAnUnknownKindNamingTheKnownOnes() {
        assertThatThrownBy(() -> selector(Map.of("wmon.test.redis", "docker"), Map.of()).kind(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("docker")
                .hasMessageContaining("[container, redis-server, embedded, external]");
        assertThatThrownBy(() -> new RedisServerExtension("redis"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void forcedExternalNeedsAUrl() {
        assertThatThrownBy(() -> selector(Map.of(), Map.of()).create("external"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("REDIS_URL");
    }

    @Test
    void createsTheForcedProcessKinds() {
        RedisServerBackend embedded = selector(Map.of(), Map.of()).create("embedded");
        try {
            assertThat(embedded).isInstanceOf(ProcessRedisServer.class);
            assertThat(embedded.kind()).isEqualTo("embedded");
        } finally {
            embedded.close();
        }
    }
}
