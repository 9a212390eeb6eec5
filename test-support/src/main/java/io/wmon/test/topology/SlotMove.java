package io.wmon.test.topology;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.MigrateParams;

/**
 * One hash slot on its way from the master that serves it to another, in the steps
 * {@code redis-cli --cluster reshard} takes: {@link RedisClusterDeployment#beginSlotMove} sets the target
 * importing and the source migrating; {@link #migrate(String...)} and {@link #migrateRest()} move keys
 * ({@code MIGRATE}); {@link #finish()} tells every master the slot's new owner and waits until every
 * running node names it. Between the first and the last step the source answers {@code ASK} for each key
 * already moved (and for keys it never had); afterwards it answers {@code MOVED}.
 */
public final class SlotMove {

    /** Keys per {@code MIGRATE}. */
    private static final int BATCH = 100;
    /** How long the source waits for the target during one {@code MIGRATE}, in milliseconds. */
    private static final int MIGRATE_TIMEOUT_MILLIS = 5_000;

    private final HarnessConnections connections;
    private final int slot;
    private final HostAndPort from;
    private final HostAndPort to;
    private final List<HostAndPort> masters;
    private final String targetId;
    private final Supplier<List<HostAndPort>> runningNodes;
    private final Duration agreementTimeout;
    private final Supplier<String> logTails;
    private boolean finished;

    private SlotMove(HarnessConnections connections, int slot, HostAndPort from, HostAndPort to, List<HostAndPort> masters,
            String targetId, Supplier<List<HostAndPort>> runningNodes, Duration agreementTimeout, Supplier<String> logTails) {
        this.connections = connections;
        this.slot = slot;
        this.from = from;
        this.to = to;
        this.masters = masters;
        this.targetId = targetId;
        this.runningNodes = runningNodes;
        this.agreementTimeout = agreementTimeout;
        this.logTails = logTails;
    }

    /** Sets {@code to} importing and {@code from} migrating {@code slot}; no key moves yet. */
    static SlotMove begin(HarnessConnections connections, int slot, HostAndPort from, HostAndPort to, List<HostAndPort> masters,
            Supplier<List<HostAndPort>> runningNodes, Duration agreementTimeout, Supplier<String> logTails) {
        try (Jedis source = connections.open(from); Jedis target = connections.open(to)) {
            String sourceId = source.clusterMyId();
            String targetId = target.clusterMyId();
            target.clusterSetSlotImporting(slot, sourceId);
            source.clusterSetSlotMigrating(slot, targetId);
            return new SlotMove(connections, slot, from, to, masters, targetId, runningNodes, agreementTimeout, logTails);
        }
    }

    public int slot() {
        return slot;
    }

    /** The master that served the slot when the move began. */
    public HostAndPort from() {
        return from;
    }

    /** The master the slot moves to. */
    public HostAndPort to() {
        return to;
    }

    /** Moves {@code keys} of the slot to the target now, in one {@code MIGRATE}; a key the source no longer holds is skipped. */
    public SlotMove migrate(String... keys) {
        ensureUnfinished();
        try (Jedis source = connections.open(from)) {
            migrate(source, keys);
        }
        return this;
    }

    /** Moves every key the source still holds in the slot, {@value #BATCH} per {@code MIGRATE}. */
    public SlotMove migrateRest() {
        ensureUnfinished();
        try (Jedis source = connections.open(from)) {
            for (List<String> keys = source.clusterGetKeysInSlot(slot, BATCH); !keys.isEmpty();
                    keys = source.clusterGetKeysInSlot(slot, BATCH)) {
                migrate(source, keys.toArray(String[]::new));
            }
        }
        return this;
    }

    private void migrate(Jedis source, String... keys) {
        source.migrate(to.getHost(), to.getPort(), MIGRATE_TIMEOUT_MILLIS, new MigrateParams().replace(), keys);
    }

    /**
     * Moves the keys left, tells every master that the target owns the slot (the target first, so that it
     * never refuses a key it already holds) and waits until every running node names the target.
     *
     * @throws IllegalStateException when the nodes did not agree within the deployment's ready timeout
     */
    public void finish() {
        migrateRest();
        finished = true;
        try (Jedis source = connections.open(from); Jedis target = connections.open(to)) {
            target.clusterSetSlotNode(slot, targetId);
            source.clusterSetSlotNode(slot, targetId);
        }
        for (HostAndPort master : masters) {
            if (!master.equals(from) && !master.equals(to)) {
                try (Jedis other = connections.open(master)) {
                    other.clusterSetSlotNode(slot, targetId);
                }
            }
        }
        BoundedWait.until("every node naming " + to + " for slot " + slot, agreementTimeout, () -> {
            for (HostAndPort node : runningNodes.get()) {
                try (Jedis jedis = connections.open(node, HarnessConnections.CHECK_TIMEOUT_MILLIS)) {
                    HostAndPort owner = SlotMap.parse(jedis.clusterNodes()).nodeFor(slot);
                    if (!owner.equals(to)) {
                        return node + " names " + owner;
                    }
                }
            }
            return null;
        }, logTails);
    }

    private void ensureUnfinished() {
        if (finished) {
            throw new IllegalStateException("the move of slot " + slot + " to " + to + " is finished");
        }
    }
}
