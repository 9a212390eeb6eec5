package io.wmon.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.core.fleet.FleetKeys;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefaultWorkerIdTest {

    private static final long PID = ProcessHandle.current().pid();

    @Test
    void isHostNameDashPid() {
        assertThat(DefaultWorkerId.of(Map.of("HOSTNAME", "worker-3.eu.example"))).isEqualTo("worker-3.eu.example-" + PID);
        assertThat(DefaultWorkerId.of(Map.of("COMPUTERNAME", "WIN-BOX"))).isEqualTo("WIN-BOX-" + PID);
    }

    @Test
    void replacesCharactersOutsideTheIdForm() {
        assertThat(DefaultWorkerId.sanitize("my host_1(x)/{y}\u00e9", 42)).isEqualTo("my-host_1-x---y---42");
    }

    @Test
    void cutsTheHostNameButKeepsThePid() {
        String id = DefaultWorkerId.sanitize("h".repeat(300), 1234567);

        assertThat(id).hasSize(128).endsWith("h-1234567");
        assertThat(FleetKeys.isValidWorkerId(id)).isTrue();
    }

    @Test
    void survivesAMissingHostName() {
        assertThat(DefaultWorkerId.sanitize(null, 7)).isEqualTo("unknown-host-7");
        assertThat(DefaultWorkerId.sanitize("  ", 7)).isEqualTo("unknown-host-7");
    }

    @Test
    void fallsBackToTheResolverWithoutHostNameVariables() {
        String id = DefaultWorkerId.of(Map.of());

        assertThat(id).endsWith("-" + PID);
        assertThat(FleetKeys.isValidWorkerId(id)).isTrue();
    }

    @Test
    void throughAgentOptions() {
        AgentOptions o = AgentOptions.parse(null, Map.of("HOSTNAME", "pod 7/{a}"));

        assertThat(o.workerId()).isEqualTo("pod-7--a--" + PID);
    }
}
