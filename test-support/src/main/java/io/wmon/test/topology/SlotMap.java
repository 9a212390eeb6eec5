package io.wmon.test.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.HostAndPort;

/**
 * Which master serves which hash slots, as one node of a cluster sees it ({@code CLUSTER NODES}).
 * Two nodes agree on the topology when their maps are equal.
 *
 * @param ranges the assigned ranges in slot order; slots in no range are unassigned
 */
public record SlotMap(List<SlotRange> ranges) {

    /** The number of hash slots of every Redis Cluster. */
    public static final int SLOTS = 16384;

    public SlotMap {
        List<SlotRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingInt(SlotRange::first));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).first() <= sorted.get(i - 1).last()) {
                throw new IllegalArgumentException("overlapping slot ranges " + sorted.get(i - 1) + " and " + sorted.get(i));
            }
        }
        ranges = List.copyOf(sorted);
    }

    /** The map in a {@code CLUSTER NODES} reply; slots being migrated or imported count where they are now. */
    public static SlotMap parse(String clusterNodes) {
        List<SlotRange> ranges = new ArrayList<>();
        for (ClusterNodeEntry entry : ClusterNodeEntry.parseAll(clusterNodes)) {
            ranges.addAll(entry.slots());
        }
        return new SlotMap(ranges);
    }

    /** The master serving {@code slot}; fails when the slot is unassigned. */
    public HostAndPort nodeFor(int slot) {
        return ranges.stream().filter(range -> range.contains(slot)).findFirst()
                .orElseThrow(() -> new IllegalStateException("slot " + slot + " is not assigned in " + this))
                .node();
    }

    /** The ranges {@code node} serves, in slot order; empty for a node that serves none. */
    public List<SlotRange> rangesOf(HostAndPort node) {
        return ranges.stream().filter(range -> range.node().equals(node)).toList();
    }

    /** How many slots each master serves, in the order of their first range. */
    public Map<HostAndPort, Integer> slotCounts() {
        Map<HostAndPort, Integer> counts = new LinkedHashMap<>();
        ranges.forEach(range -> counts.merge(range.node(), range.size(), Integer::sum));
        return counts;
    }

    /** How many of the {@value #SLOTS} slots are assigned. */
    public int assignedSlots() {
        return ranges.stream().mapToInt(SlotRange::size).sum();
    }

    /** True when every slot is assigned: the cluster can serve every key. */
    public boolean coversAllSlots() {
        return assignedSlots() == SLOTS;
    }

    @Override
    public String toString() {
        return ranges.toString();
    }
}
