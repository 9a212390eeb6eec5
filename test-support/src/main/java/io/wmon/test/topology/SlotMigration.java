package io.wmon.test.topology;

import java.util.List;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.MigrateParams;

/**
 * Moves one hash slot with its keys from the master that serves it to another, the steps
 * {@code redis-cli --cluster reshard} takes: the target imports, the source migrates, the keys go over in
 * batches ({@code MIGRATE}), then every master is told the slot's new owner. Meanwhile clients get
 * {@code ASK} for keys already moved; afterwards the old owner answers {@code MOVED}.
 */
final class SlotMigration {

    /** Keys per {@code MIGRATE}. */
    private static final int BATCH = 100;
    /** How long the source waits for the target during one {@code MIGRATE}, in milliseconds. */
    private static final int MIGRATE_TIMEOUT_MILLIS = 5_000;

    private SlotMigration() {
    }

    /** Sends the commands; the other nodes may still name the old owner for a moment afterwards. */
    static void move(HarnessConnections connections, int slot, HostAndPort from, HostAndPort to, List<HostAndPort> masters) {
        try (Jedis source = connections.open(from); Jedis target = connections.open(to)) {
            String sourceId = source.clusterMyId();
            String targetId = target.clusterMyId();
            target.clusterSetSlotImporting(slot, sourceId);
            source.clusterSetSlotMigrating(slot, targetId);
            for (List<String> keys = source.clusterGetKeysInSlot(slot, BATCH); !keys.isEmpty();
                    keys = source.clusterGetKeysInSlot(slot, BATCH)) {
                source.migrate(to.getHost(), to.getPort(), MIGRATE_TIMEOUT_MILLIS, new MigrateParams().replace(),
                        keys.toArray(String[]::new));
            }
            // The target first, so that it never refuses a key it already holds.
            target.clusterSetSlotNode(slot, targetId);
            source.clusterSetSlotNode(slot, targetId);
            for (HostAndPort master : masters) {
                if (!master.equals(from) && !master.equals(to)) {
                    try (Jedis other = connections.open(master)) {
                        other.clusterSetSlotNode(slot, targetId);
                    }
                }
            }
        }
    }
}
