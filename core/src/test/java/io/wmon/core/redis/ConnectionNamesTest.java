package io.wmon.core.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionNamesTest {

    @Test
    void namesFollowTheDesign() {
        assertThat(ConnectionNames.agent("prod", "worker-7")).isEqualTo("wmon:agent:prod:worker-7");
        assertThat(ConnectionNames.pubSub("prod", "worker-7")).isEqualTo("wmon:pubsub:prod:worker-7");
        assertThat(ConnectionNames.cli("prod", 4242)).isEqualTo("wmon:cli:prod:4242");
    }

    @Test
    void pubSubNameFollowsThePoolName() {
        assertThat(ConnectionNames.pubSubFor("wmon:agent:prod:w1")).isEqualTo("wmon:pubsub:prod:w1");
        assertThat(ConnectionNames.pubSubFor("wmon:cli:ns:99")).isEqualTo("wmon:pubsub:ns:99");
        assertThat(ConnectionNames.pubSubFor("custom")).isEqualTo("custom:pubsub");
    }

    @Test
    void charactersRedisRejectsAreReplaced() {
        assertThat(ConnectionNames.agent("my ns", "host 1\nx")).isEqualTo("wmon:agent:my_ns:host_1_x");
    }
}
