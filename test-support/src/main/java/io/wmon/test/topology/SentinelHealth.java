package io.wmon.test.topology;

import java.util.List;
import java.util.Map;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * What the sentinels of a deployment know: whether each names the expected master, sees it up, sees
 * the replica up and sees every other sentinel, so that a failover can start at once when asked.
 */
final class SentinelHealth {

    private SentinelHealth() {
    }

    /** The master {@code sentinel} names for {@code masterName} ({@code SENTINEL get-master-addr-by-name}); null when it names none. */
    static HostAndPort masterAddress(HarnessConnections connections, HostAndPort sentinel, String masterName, int timeoutMillis) {
        try (Jedis jedis = connections.open(sentinel, timeoutMillis)) {
            List<String> address = jedis.sentinelGetMasterAddrByName(masterName);
            return address == null || address.size() != 2 ? null : new HostAndPort(address.get(0), Integer.parseInt(address.get(1)));
        }
    }

    /** Null when every sentinel is ready for a failover of {@code master} to {@code replica}, else the first reason not. */
    static String problem(HarnessConnections connections, List<HostAndPort> sentinels, String masterName, HostAndPort master, HostAndPort replica) {
        for (HostAndPort sentinel : sentinels) {
            String problem;
            try (Jedis jedis = connections.open(sentinel, HarnessConnections.CHECK_TIMEOUT_MILLIS)) {
                problem = problem(jedis, sentinels.size() - 1, masterName, master, replica);
            } catch (RuntimeException e) {
                problem = "does not answer: " + e.getMessage();
            }
            if (problem != null) {
                return "sentinel " + sentinel + " " + problem;
            }
        }
        return null;
    }

    private static String problem(Jedis sentinel, int otherSentinels, String masterName, HostAndPort master, HostAndPort replica) {
        Map<String, String> state = sentinel.sentinelMaster(masterName);
        HostAndPort named = new HostAndPort(state.get("ip"), Integer.parseInt(state.get("port")));
        if (!named.equals(master)) {
            return "names master " + named + ", expected " + master;
        }
        if (!"master".equals(state.get("flags"))) {
            return "flags the master " + state.get("flags");
        }
        if (!String.valueOf(otherSentinels).equals(state.get("num-other-sentinels"))) {
            return "knows " + state.get("num-other-sentinels") + " other sentinels, expected " + otherSentinels;
        }
        List<Map<String, String>> replicas = sentinel.sentinelReplicas(masterName);
        boolean replicaUp = replicas.stream().anyMatch(entry -> replica.getPort() == Integer.parseInt(entry.get("port"))
                && replica.getHost().equals(entry.get("ip")) && "slave".equals(entry.get("flags"))
                && "ok".equals(entry.get("master-link-status")));
        if (!replicaUp) {
            return "does not see replica " + replica + " up and in sync: " + replicas;
        }
        List<Map<String, String>> peers = sentinel.sentinelSentinels(masterName);
        if (peers.size() != otherSentinels || !peers.stream().allMatch(peer -> "sentinel".equals(peer.get("flags")))) {
            return "sees sentinels " + peers;
        }
        return null;
    }
}
