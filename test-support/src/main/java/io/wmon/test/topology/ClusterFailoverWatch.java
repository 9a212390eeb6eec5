package io.wmon.test.topology;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * Watches a cluster after one of its masters was killed (or told to hand over, {@code CLUSTER FAILOVER}),
 * until a replica serves that master's slots and every running node agrees, timing both from the start.
 */
final class ClusterFailoverWatch {

    private static final Pattern ROLE_MASTER = Pattern.compile("(?m)^role:master\\s*$");

    private final HarnessConnections connections;
    private final HostAndPort killedMaster;
    /** One slot the killed master served: whoever serves it afterwards is the promoted replica. */
    private final int slot;
    private final long killedAtNanos;

    /** Starts the clock: call it right after the kill of {@code killedMaster}, which served {@code slot}. */
    ClusterFailoverWatch(HarnessConnections connections, HostAndPort killedMaster, int slot) {
        this.connections = connections;
        this.killedMaster = killedMaster;
        this.slot = slot;
        this.killedAtNanos = System.nanoTime();
    }

    /**
     * Waits until a first running node names another master for the slot and that node reports
     * {@code role:master}, then until every running node names it and reports {@code cluster_state:ok}.
     *
     * @param running the client addresses of the nodes still running
     * @throws IllegalStateException when that did not happen within {@code timeout}, with {@code logs}
     */
    Failover await(Supplier<List<HostAndPort>> running, Duration timeout, Supplier<String> logs) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HostAndPort[] promoted = new HostAndPort[1];
        BoundedWait.until("a replica promoted after " + killedMaster + " was killed", remaining(deadline), () -> {
            for (HostAndPort node : running.get()) {
                HostAndPort named = owner(node);
                if (named != null && !named.equals(killedMaster) && reportsRoleMaster(named)) {
                    promoted[0] = named;
                    return null;
                }
            }
            return "every running node still names " + killedMaster + " for slot " + slot;
        }, logs);
        Duration promotedAfter = Duration.ofNanos(System.nanoTime() - killedAtNanos);
        BoundedWait.until("every running node naming the new master " + promoted[0], remaining(deadline), () -> {
            for (HostAndPort node : running.get()) {
                String state = state(node);
                if (!"ok".equals(state)) {
                    return node + " reports cluster_state:" + state;
                }
                HostAndPort named = owner(node);
                if (!promoted[0].equals(named)) {
                    return node + " names " + named + " for slot " + slot;
                }
            }
            return null;
        }, logs);
        return new Failover(killedMaster, promoted[0], promotedAfter, Duration.ofNanos(System.nanoTime() - killedAtNanos));
    }

    /** The master {@code node} names for the slot, null when it names none or does not answer. */
    private HostAndPort owner(HostAndPort node) {
        try (Jedis jedis = connections.open(node, HarnessConnections.CHECK_TIMEOUT_MILLIS)) {
            return SlotMap.parse(jedis.clusterNodes()).ranges().stream().filter(range -> range.contains(slot))
                    .map(SlotRange::node).findFirst().orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private String state(HostAndPort node) {
        try (Jedis jedis = connections.open(node, HarnessConnections.CHECK_TIMEOUT_MILLIS)) {
            Map<String, String> info = InfoFields.parse(jedis.clusterInfo());
            return info.get("cluster_state");
        } catch (RuntimeException e) {
            return "(no answer: " + e.getMessage() + ")";
        }
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(1, deadlineNanos - System.nanoTime()));
    }

    private boolean reportsRoleMaster(HostAndPort node) {
        try (Jedis jedis = connections.open(node, HarnessConnections.CHECK_TIMEOUT_MILLIS)) {
            return ROLE_MASTER.matcher(jedis.info("replication")).find();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
