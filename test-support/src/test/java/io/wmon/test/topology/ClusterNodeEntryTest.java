package io.wmon.test.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;

class ClusterNodeEntryTest {

    private static ClusterNodeEntry entry(String flags, String linkState) {
        return ClusterNodeEntry.parse("e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 127.0.0.1:30001@40001 " + flags
                + " - 0 1700000000000 1 " + linkState + " 0-5460");
    }

    @Test
    void readsIdAddressFlagsLinkAndSlots() {
        ClusterNodeEntry entry = entry("myself,master", "connected");

        assertThat(entry.id()).isEqualTo("e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca");
        assertThat(entry.address()).isEqualTo(new HostAndPort("127.0.0.1", 30001));
        assertThat(entry.isMyself()).isTrue();
        assertThat(entry.isMaster()).isTrue();
        assertThat(entry.slots()).containsExactly(new SlotRange(0, 5460, entry.address()));
        assertThat(entry.problem()).isNull();
    }

    @Test
    void aPeerFlaggedOrCutOffIsAProblem() {
        assertThat(entry("master,fail?", "connected").problem()).isEqualTo("127.0.0.1:30001 is flagged fail?");
        assertThat(entry("master,fail", "disconnected").problem()).isEqualTo("127.0.0.1:30001 is flagged fail");
        assertThat(entry("handshake", "connected").problem()).isEqualTo("127.0.0.1:30001 is flagged handshake");
        assertThat(entry("master", "disconnected").problem()).isEqualTo("127.0.0.1:30001 has its bus link disconnected");
        assertThat(entry("master", "connected").problem()).isNull();
    }

    @Test
    void aLoneNodeWithoutItsOwnAddressYetParses() {
        ClusterNodeEntry entry = ClusterNodeEntry.parse("e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca :30001@40001 myself,master - 0 0 0 connected");

        assertThat(entry.address()).isEqualTo(new HostAndPort("", 30001));
        assertThat(entry.slots()).isEmpty();
    }

    @Test
    void aLineThatIsNotFromClusterNodesIsRefused() {
        assertThatThrownBy(() -> ClusterNodeEntry.parse("ERR This instance has cluster support disabled"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a CLUSTER NODES line: ERR This instance has cluster support disabled");
    }
}
