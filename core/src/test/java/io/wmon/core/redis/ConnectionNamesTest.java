package io.wmon.core.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionNamesTest {

    @Test
    void namesFollowTheDesign() {
        assertThat(ConnectionNames.agent("prod", "worker-7")).isEqualTo("wmon:agent:prod:worker-7");
        assertThat(ConnectionNames.stream("prod", "worker-7")).isEqualTo("wmon:stream:prod:worker-7");
        assertThat(ConnectionNames.cli("prod", 4242)).isEqualTo("wmon:cli:prod:4242");
    }

    @Test
    void charactersRedisRejectsAreReplaced() {
        assertThat(ConnectionNames.agent("my ns", "host 1\nx")).isEqualTo("wmon:agent:my_ns:host_1_x");
    }
}
