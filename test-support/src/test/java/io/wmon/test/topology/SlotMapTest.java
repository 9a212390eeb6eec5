package io.wmon.test.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;

class SlotMapTest {

    private static final HostAndPort A = new HostAndPort("127.0.0.1", 30001);
    private static final HostAndPort B = new HostAndPort("127.0.0.1", 30002);
    private static final HostAndPort C = new HostAndPort("127.0.0.1", 30003);

    /** As Redis 7.0 prints it: a hostname field after the bus port, one slot alone, one slot being migrated. */
    private static final String CLUSTER_NODES = String.join("\n",
            "07c37dfeb235213a872192d90877d0cd55635b91 127.0.0.1:30002@40002, master - 0 1700000000000 2 connected 5461-10922",
            "e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 127.0.0.1:30001@40001, myself,master - 0 1700000000000 1 connected 0-5460",
            "67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1 127.0.0.1:30003@40003, master - 0 1700000000000 3 connected 10923-16382 16383 [16383->-07c37dfeb235213a872192d90877d0cd55635b91]",
            "");

    @Test
    void parsesTheRangesOfEveryMasterInSlotOrder() {
        SlotMap map = SlotMap.parse(CLUSTER_NODES);

        assertThat(map.ranges()).containsExactly(new SlotRange(0, 5460, A), new SlotRange(5461, 10922, B),
                new SlotRange(10923, 16382, C), new SlotRange(16383, 16383, C));
        assertThat(map.coversAllSlots()).isTrue();
        assertThat(map.slotCounts()).containsExactly(
                java.util.Map.entry(A, 5461), java.util.Map.entry(B, 5462), java.util.Map.entry(C, 5461));
    }

    @Test
    void findsTheNodeOfASlotAtTheEdgesOfItsRanges() {
        SlotMap map = SlotMap.parse(CLUSTER_NODES);

        assertThat(map.nodeFor(0)).isEqualTo(A);
        assertThat(map.nodeFor(5460)).isEqualTo(A);
        assertThat(map.nodeFor(5461)).isEqualTo(B);
        assertThat(map.nodeFor(SlotMap.SLOTS - 1)).isEqualTo(C);
        assertThat(map.rangesOf(C)).hasSize(2);
        assertThat(map.rangesOf(new HostAndPort("127.0.0.1", 1))).isEmpty();
    }

    @Test
    void anUnassignedSlotIsNamedInTheFailure() {
        SlotMap partial = new SlotMap(List.of(new SlotRange(0, 99, A)));

        assertThat(partial.coversAllSlots()).isFalse();
        assertThat(partial.assignedSlots()).isEqualTo(100);
        assertThatThrownBy(() -> partial.nodeFor(100)).isInstanceOf(IllegalStateException.class)
                .hasMessage("slot 100 is not assigned in [0-99@127.0.0.1:30001]");
    }

    @Test
    void mapsAreEqualWhateverOrderTheNodesWereListedIn() {
        String[] lines = CLUSTER_NODES.split("\n");
        String reordered = String.join("\n", lines[2], lines[0], lines[1]);

        assertThat(SlotMap.parse(reordered)).isEqualTo(SlotMap.parse(CLUSTER_NODES));
        assertThat(SlotMap.parse(reordered)).isNotEqualTo(new SlotMap(List.of(new SlotRange(0, 16383, A))));
    }

    @Test
    void refusesOverlappingAndImpossibleRanges() {
        assertThatThrownBy(() -> new SlotMap(List.of(new SlotRange(0, 10, A), new SlotRange(10, 20, B))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("overlapping slot ranges 0-10@127.0.0.1:30001 and 10-20@127.0.0.1:30002");
        assertThatThrownBy(() -> new SlotRange(5, 4, A)).hasMessage("not a slot range: 5-4");
        assertThatThrownBy(() -> new SlotRange(0, SlotMap.SLOTS, A)).hasMessage("not a slot range: 0-16384");
    }
}
