package io.wmon.test.topology;

import redis.clients.jedis.HostAndPort;

/**
 * Consecutive hash slots served by one cluster node.
 *
 * @param first the first slot, 0..16383
 * @param last  the last slot, inclusive
 * @param node  the master that serves them
 */
public record SlotRange(int first, int last, HostAndPort node) {

    public SlotRange {
        if (first < 0 || last < first || last >= SlotMap.SLOTS) {
            throw new IllegalArgumentException("not a slot range: " + first + "-" + last);
        }
    }

    public boolean contains(int slot) {
        return slot >= first && slot <= last;
    }

    /** How many slots the range holds. */
    public int size() {
        return last - first + 1;
    }

    @Override
    public String toString() {
        return first + "-" + last + "@" + node;
    }
}
