package io.wmon.test.topology;

import io.wmon.test.FreePorts;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

/**
 * Turns lone cluster nodes into one cluster, the way {@code redis-cli --cluster create} does: a distinct
 * config epoch per node (so no epoch collision has to be resolved later), the slots split evenly in
 * consecutive ranges, then a {@code CLUSTER MEET} from the first node to each other one; gossip does the rest.
 */
final class ClusterFormation {

    private ClusterFormation() {
    }

    /** Sends the commands; does not wait for the cluster to converge. */
    static void form(HarnessConnections connections, List<RedisNodeProcess> nodes, boolean redis7) {
        for (int i = 0; i < nodes.size(); i++) {
            SlotRange range = share(i, nodes.size(), nodes.get(i).address());
            try (Jedis jedis = connections.open(nodes.get(i).address())) {
                jedis.clusterSetConfigEpoch(i + 1);
                addSlots(jedis, range, redis7);
            }
        }
        try (Jedis first = connections.open(nodes.get(0).address())) {
            for (RedisNodeProcess other : nodes.subList(1, nodes.size())) {
                meet(first, other.ports(), redis7);
            }
        }
    }

    /** Node {@code index}'s share of the slots among {@code count} masters: consecutive, sizes differing by one at most. */
    static SlotRange share(int index, int count, HostAndPort node) {
        int first = (int) ((long) index * SlotMap.SLOTS / count);
        int last = (int) ((long) (index + 1) * SlotMap.SLOTS / count) - 1;
        return new SlotRange(first, last, node);
    }

    private static void addSlots(Jedis jedis, SlotRange range, boolean redis7) {
        if (redis7) {
            jedis.clusterAddSlotsRange(range.first(), range.last());
            return;
        }
        int[] slots = new int[range.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = range.first() + i;
        }
        jedis.clusterAddSlots(slots);
    }

    private static void meet(Jedis from, NodePorts to, boolean redis7) {
        List<String> args = new ArrayList<>(List.of("MEET", FreePorts.LOOPBACK, Integer.toString(to.port())));
        if (redis7) {
            // Without it the bus port is taken to be the client port + 10000.
            args.add(Integer.toString(to.busPort()));
        }
        from.sendCommand(Protocol.Command.CLUSTER, args.toArray(String[]::new));
    }
}
