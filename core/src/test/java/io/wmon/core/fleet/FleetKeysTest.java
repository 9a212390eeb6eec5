package io.wmon.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FleetKeysTest {

    @Test
    void everyKeyCarriesTheNamespaceHashTag() {
        FleetKeys keys = FleetKeys.of("payments");

        assertThat(keys.workers()).isEqualTo("wmon:{payments}:workers");
        assertThat(keys.worker("host-1:42@eu")).isEqualTo("wmon:{payments}:worker:host-1:42@eu");
        assertThat(keys.events()).isEqualTo("wmon:{payments}:events");
        assertThat(keys.pruneLock()).isEqualTo("wmon:{payments}:prune-lock");
        assertThat(FleetKeys.of(FleetKeys.DEFAULT_NAMESPACE).workers()).isEqualTo("wmon:{default}:workers");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a{b}", "ns:1", "ü", "x\ny"})
    void aBadNamespaceIsNamedWithTheAcceptedForm(String namespace) {
        assertThatIllegalArgumentException().isThrownBy(() -> FleetKeys.of(namespace))
                .withMessageStartingWith("invalid namespace '")
                .withMessageEndingWith(": use 1-64 characters from A-Z a-z 0-9 . _ -")
                .withMessageNotContaining("\n");
    }

    @Test
    void namespaceLengthIsBounded() {
        assertThat(FleetKeys.of("n".repeat(64)).namespace()).hasSize(64);
        assertThatIllegalArgumentException().isThrownBy(() -> FleetKeys.of("n".repeat(65)));
        assertThatIllegalArgumentException().isThrownBy(() -> FleetKeys.of(null)).withMessageContaining("(none)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "w{1}", "w/1", "caf\uFFFD"})
    void aWorkerIdThatCannotBeKeyedIsRejected(String id) {
        assertThat(FleetKeys.isValidWorkerId(id)).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> FleetKeys.of("ns").worker(id))
                .withMessageStartingWith("invalid worker id '")
                .withMessageEndingWith(": use " + FleetKeys.WORKER_ID_FORM);
    }

    @Test
    void typicalWorkerIdsAreAccepted() {
        assertThat(FleetKeys.isValidWorkerId("build-host.example.com-12345")).isTrue();
        assertThat(FleetKeys.isValidWorkerId("w_1:eu@prod")).isTrue();
        assertThat(FleetKeys.isValidWorkerId("w".repeat(129))).isFalse();
    }
}
