package io.wmon.test.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentArgsTest {

    @Test
    void defaultsToTheTestNamespaceAndOneSecondBeats() {
        AgentArgs agent = AgentArgs.of("redis://127.0.0.1:7000", "w1");

        assertThat(agent).hasToString("redis=redis://127.0.0.1:7000,namespace=it,id=w1,interval=1s");
        assertThat(agent.id()).isEqualTo("w1");
        assertThat(agent.connectionName()).isEqualTo("wmon:agent:it:w1");
    }

    @Test
    void withReplacesInPlaceOrAppends() {
        AgentArgs agent = AgentArgs.of("redis://h:1", "w1").with("interval", "5s").with("poolMaxTotal", "3")
                .with("namespace", "other");

        assertThat(agent).hasToString("redis=redis://h:1,namespace=other,id=w1,interval=5s,poolMaxTotal=3");
        assertThat(agent.connectionName()).isEqualTo("wmon:agent:other:w1");
    }
}
