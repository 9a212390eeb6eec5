package io.wmon.test.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import redis.clients.jedis.HostAndPort;

/**
 * One line of {@code CLUSTER NODES}:
 * {@code <id> <ip:port@cport[,hostname]> <flags> <master> <ping-sent> <pong-recv> <epoch> <link-state> <slot>…}.
 *
 * @param id        the node's id
 * @param address   its client address
 * @param flags     {@code myself}, {@code master}, {@code slave}, {@code fail?}, {@code fail}, {@code handshake}…
 * @param linkState {@code connected} or {@code disconnected}: the bus link as the reporting node sees it
 * @param slots     the slot ranges it serves
 */
record ClusterNodeEntry(String id, HostAndPort address, Set<String> flags, String linkState, List<SlotRange> slots) {

    /** Flags of a node that the reporting node does not fully trust yet, or not any more. */
    private static final Set<String> UNHEALTHY = Set.of("fail?", "fail", "handshake", "noaddr");

    ClusterNodeEntry {
        flags = Set.copyOf(flags);
        slots = List.copyOf(slots);
    }

    static List<ClusterNodeEntry> parseAll(String clusterNodes) {
        List<ClusterNodeEntry> entries = new ArrayList<>();
        for (String line : clusterNodes.split("\\R")) {
            if (!line.isBlank()) {
                entries.add(parse(line));
            }
        }
        return entries;
    }

    static ClusterNodeEntry parse(String line) {
        String[] fields = line.trim().split(" ");
        if (fields.length < 8) {
            throw new IllegalArgumentException("not a CLUSTER NODES line: " + line);
        }
        HostAndPort address = address(fields[1]);
        List<SlotRange> slots = new ArrayList<>();
        for (int i = 8; i < fields.length; i++) {
            // "[slot->-id]" and "[slot-<-id]" mark slots in migration: the owner is still the listed node.
            if (!fields[i].startsWith("[")) {
                slots.add(range(fields[i], address));
            }
        }
        return new ClusterNodeEntry(fields[0], address, Set.of(fields[2].split(",")), fields[7], slots);
    }

    /** {@code ip:port@cport[,hostname]}; the ip is empty while a lone node does not know it yet. */
    private static HostAndPort address(String field) {
        String hostPort = field.split("[@,]", 2)[0];
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a node address: " + field);
        }
        return new HostAndPort(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private static SlotRange range(String field, HostAndPort node) {
        int dash = field.indexOf('-');
        int first = Integer.parseInt(dash < 0 ? field : field.substring(0, dash));
        int last = dash < 0 ? first : Integer.parseInt(field.substring(dash + 1));
        return new SlotRange(first, last, node);
    }

    boolean isMyself() {
        return flags.contains("myself");
    }

    boolean isMaster() {
        return flags.contains("master");
    }

    /** {@code slave}: the node replicates a master and serves no slot. */
    boolean isReplica() {
        return flags.contains("slave");
    }

    /** Why the reporting node does not count this one as a healthy peer, or null when it does. */
    String problem() {
        for (String flag : flags) {
            if (UNHEALTHY.contains(flag)) {
                return address + " is flagged " + flag;
            }
        }
        if (!isMyself() && !"connected".equals(linkState)) {
            return address + " has its bus link " + linkState;
        }
        return null;
    }
}
