package io.wmon.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A refused start leaves its reason in {@code wmon.agent.error} for {@code wmon attach}; a good start clears it. */
@Timeout(30)
class AgentLauncherTest {

    @AfterEach
    void stopAndForget() {
        AgentLauncher.launch("mode=stop", null);
        System.clearProperty(AgentLauncher.ERROR_PROPERTY);
    }

    @Test
    void aRefusedStartLeavesItsLineAndAGoodStartClearsIt() {
        AgentLauncher.launch("namespce=x", null);

        assertThat(System.getProperty(AgentLauncher.ERROR_PROPERTY))
                .isEqualTo("wmon agent disabled: unknown key 'namespce'; did you mean namespace?");
        assertThat(System.getProperty("wmon.agent.version")).isNull();

        // Nothing listens on port 1: the agent starts and retries its beats; the start itself is good.
        AgentLauncher.launch("redis=redis://127.0.0.1:1,id=launcher-test,interval=1s", null);

        assertThat(System.getProperty(AgentLauncher.ERROR_PROPERTY)).isNull();
        assertThat(System.getProperty("wmon.agent.version")).isNotNull();
    }

    @Test
    void theLineNeverHoldsAPassword() {
        AgentLauncher.launch("redis=redis://ops:Sekr3t@cache:6379,interval=5x", null);
        String afterUrl = System.getProperty(AgentLauncher.ERROR_PROPERTY);
        AgentLauncher.launch("redis=redis://ops:Sek,r3t@cache:6379", null);
        String commaInPassword = System.getProperty(AgentLauncher.ERROR_PROPERTY);

        assertThat(afterUrl).startsWith("wmon agent disabled: interval=").doesNotContain("Sekr3t");
        assertThat(commaInPassword).startsWith("wmon agent disabled: ").doesNotContain("r3t").doesNotContain("Sek");
    }
}
