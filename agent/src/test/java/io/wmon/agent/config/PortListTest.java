package io.wmon.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PortListTest {

    @Test
    void readsPortsJoinedWithPlus() {
        assertThat(PortList.parse("6380+6379")).containsExactly(6379, 6380);
        assertThat(PortList.parse("7000")).containsExactly(7000);
        assertThat(PortList.parse(" 1 + 65535 ")).containsExactly(1, 65535);
    }

    @Test
    void mergesDuplicates() {
        assertThat(PortList.parse("6379+6379")).containsExactly(6379);
    }

    @Test
    void explainsWhatIsWrong() {
        assertThatThrownBy(() -> PortList.parse("6379;6380")).hasMessage("is not a list of ports");
        assertThatThrownBy(() -> PortList.parse("6379,6380")).hasMessage("is not a list of ports");
        assertThatThrownBy(() -> PortList.parse("+6379")).hasMessage("has an empty entry");
        assertThatThrownBy(() -> PortList.parse("6379+")).hasMessage("has an empty entry");
        assertThatThrownBy(() -> PortList.parse("0")).hasMessage("has a port out of range");
        assertThatThrownBy(() -> PortList.parse("65536")).hasMessage("has a port out of range");
        assertThatThrownBy(() -> PortList.parse("99999999999999")).hasMessage("has a port out of range");
        assertThatThrownBy(() -> PortList.parse("1" + "+1".repeat(64))).hasMessage("lists more than 64 ports");
    }

    @Test
    void formatsAsParsed() {
        assertThat(PortList.format(Set.of(6379))).isEqualTo("6379");
        assertThat(PortList.format(PortList.parse("7001+7000"))).isEqualTo("7000+7001");
    }
}
