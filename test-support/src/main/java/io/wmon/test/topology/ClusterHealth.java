package io.wmon.test.topology;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * Whether a cluster is whole: every node reports {@code cluster_state:ok} with every slot assigned and
 * served, knows every other node over a connected bus link with no failure flag, counts the expected
 * number of replicas, and all nodes report the same slot map; every replica's replication link is up
 * (a replica that never synced would not be promoted).
 */
final class ClusterHealth {

    private static final Pattern REPLICATION_UP = Pattern.compile("(?m)^master_link_status:up\\s*$");

    private ClusterHealth() {
    }

    /** Null when the cluster of {@code nodes}, {@code replicas} of them replicas, is whole, else the first reason it is not. */
    static String problem(HarnessConnections connections, List<HostAndPort> nodes, int replicas) {
        SlotMap agreed = null;
        HostAndPort agreedBy = null;
        for (HostAndPort node : nodes) {
            try (Jedis jedis = connections.open(node, HarnessConnections.CHECK_TIMEOUT_MILLIS)) {
                String infoProblem = infoProblem(node, jedis.clusterInfo(), nodes.size());
                if (infoProblem != null) {
                    return infoProblem;
                }
                String clusterNodes = jedis.clusterNodes();
                List<ClusterNodeEntry> entries = ClusterNodeEntry.parseAll(clusterNodes);
                for (ClusterNodeEntry entry : entries) {
                    String entryProblem = entry.problem();
                    if (entryProblem != null) {
                        return node + " reports: " + entryProblem;
                    }
                }
                long replicasSeen = entries.stream().filter(ClusterNodeEntry::isReplica).count();
                if (replicasSeen != replicas) {
                    return node + " knows " + replicasSeen + " replicas, expected " + replicas;
                }
                boolean isReplica = entries.stream().anyMatch(entry -> entry.isMyself() && entry.isReplica());
                if (isReplica && !REPLICATION_UP.matcher(jedis.info("replication")).find()) {
                    return node + " is a replica whose link to its master is not up yet";
                }
                SlotMap map = SlotMap.parse(clusterNodes);
                if (agreed == null) {
                    agreed = map;
                    agreedBy = node;
                } else if (!agreed.equals(map)) {
                    return node + " sees slots " + map + " but " + agreedBy + " sees " + agreed;
                }
            } catch (RuntimeException e) {
                return node + " does not answer: " + e.getMessage();
            }
        }
        return null;
    }

    private static String infoProblem(HostAndPort node, String clusterInfo, int expectedNodes) {
        Map<String, String> info = InfoFields.parse(clusterInfo);
        String[][] expected = {
                {"cluster_state", "ok"},
                {"cluster_slots_assigned", Integer.toString(SlotMap.SLOTS)},
                {"cluster_slots_ok", Integer.toString(SlotMap.SLOTS)},
                {"cluster_known_nodes", Integer.toString(expectedNodes)},
        };
        for (String[] field : expected) {
            if (!field[1].equals(info.get(field[0]))) {
                return node + " reports " + field[0] + ":" + info.get(field[0]) + ", expected " + field[1];
            }
        }
        return null;
    }
}
