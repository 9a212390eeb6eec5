package io.wmon.test.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;

class ClusterFormationTest {

    @Test
    void everyClusterSizeGetsAllSlotsInConsecutiveSharesDifferingByOneAtMost() {
        for (int count = 1; count <= 16; count++) {
            List<SlotRange> shares = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                shares.add(ClusterFormation.share(i, count, new HostAndPort("127.0.0.1", 30000 + i)));
            }
            SlotMap map = new SlotMap(shares);
            assertThat(map.coversAllSlots()).as("%d masters", count).isTrue();
            int least = shares.stream().mapToInt(SlotRange::size).min().orElseThrow();
            int most = shares.stream().mapToInt(SlotRange::size).max().orElseThrow();
            assertThat(most - least).as("%d masters", count).isLessThanOrEqualTo(1);
            assertThat(shares.get(0).first()).isZero();
        }
    }
}
