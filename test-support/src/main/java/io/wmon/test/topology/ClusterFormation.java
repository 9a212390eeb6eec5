package io.wmon.test.topology;

import io.wmon.test.FreePorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

/**
 * Turns lone cluster nodes into one cluster, the way {@code redis-cli --cluster create} does: a distinct
 * config epoch per node (so no epoch collision has to be resolved later), the slots split evenly in
 * consecutive ranges among the masters, then a {@code CLUSTER MEET} from the first node to each other
 * one; gossip does the rest. Replicas, when there are any, are then attached with {@code CLUSTER REPLICATE}.
 */
final class ClusterFormation {

    private ClusterFormation() {
    }

    /**
     * Sends the commands that form the cluster of {@code masters} and {@code replicas} (which hold no slots);
     * does not wait for the cluster to converge.
     */
    static void form(HarnessConnections connections, List<RedisNodeProcess> masters, List<RedisNodeProcess> replicas,
            boolean redis7) {
        for (int i = 0; i < masters.size(); i++) {
            SlotRange range = share(i, masters.size(), masters.get(i).address());
            try (Jedis jedis = connections.open(masters.get(i).address())) {
                jedis.clusterSetConfigEpoch(i + 1);
                addSlots(jedis, range, redis7);
            }
        }
        for (int k = 0; k < replicas.size(); k++) {
            try (Jedis jedis = connections.open(replicas.get(k).address())) {
                jedis.clusterSetConfigEpoch(masters.size() + k + 1);
            }
        }
        List<RedisNodeProcess> others = new ArrayList<>(masters.subList(1, masters.size()));
        others.addAll(replicas);
        try (Jedis first = connections.open(masters.get(0).address())) {
            for (RedisNodeProcess other : others) {
                meet(first, other.ports(), redis7);
            }
        }
    }

    /**
     * Makes replica {@code k} a replica of master {@code k % masters.size()}, once gossip has told the replica
     * of that master ({@code CLUSTER REPLICATE} refuses a node id it does not know yet).
     */
    static void attachReplicas(HarnessConnections connections, List<RedisNodeProcess> masters,
            List<RedisNodeProcess> replicas, Duration timeout, Supplier<String> logs) {
        for (int k = 0; k < replicas.size(); k++) {
            RedisNodeProcess master = masters.get(k % masters.size());
            String masterId;
            try (Jedis jedis = connections.open(master.address())) {
                masterId = jedis.clusterMyId();
            }
            HostAndPort replica = replicas.get(k).address();
            BoundedWait.until(replicas.get(k).name() + " knowing " + master.name() + " (" + masterId + ")", timeout, () -> {
                try (Jedis jedis = connections.open(replica, HarnessConnections.CHECK_TIMEOUT_MILLIS)) {
                    return jedis.clusterNodes().contains(masterId) ? null : "not in its CLUSTER NODES yet";
                }
            }, logs);
            try (Jedis jedis = connections.open(replica)) {
                jedis.clusterReplicate(masterId);
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

    static void meet(Jedis from, NodePorts to, boolean redis7) {
        List<String> args = new ArrayList<>(List.of("MEET", FreePorts.LOOPBACK, Integer.toString(to.port())));
        if (redis7) {
            // Without it the bus port is taken to be the client port + 10000.
            args.add(Integer.toString(to.busPort()));
        }
        from.sendCommand(Protocol.Command.CLUSTER, args.toArray(String[]::new));
    }
}
