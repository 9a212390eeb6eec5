package io.wmon.cli.command.connections;

import io.wmon.cli.command.connections.ConnectionGroup.Kind;
import io.wmon.cli.command.connections.ConnectionGroup.Member;
import io.wmon.core.fleet.FleetSnapshot;
import io.wmon.core.fleet.WorkerEntry;
import io.wmon.core.record.WorkerRecord;
import io.wmon.core.redis.PoolSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Groups a server's connections by who holds them.
 *
 * <p>Names {@code wmon:agent:<ns>:<id>} and {@code wmon:stream:<ns>:<id>} go to worker
 * {@code <id>}, {@code wmon:cli:<ns>:<pid>} to that command, other names to a group per name.
 * An unnamed connection goes to the worker whose record lists its port among {@code local_ports}
 * (when exactly one worker does), else to a group per client host. The agent does not write
 * {@code local_ports} yet (nor the socket counts it comes with), so with today's agent no connection
 * is attributed by port, and a worker's count of such connections is unknown rather than 0; a record
 * written by something that does list the ports is used. Budgets come from the records:
 * a worker may hold pool_max + 1 wmon connections (pool_max {@value #ASSUMED_POOL_MAX} when not
 * reported).
 */
public final class ConnectionCensus {

    /** The pool bound assumed for a worker that does not report {@code pool_max}: the agent's default. */
    static final int ASSUMED_POOL_MAX = PoolSettings.DEFAULT_MAX_TOTAL;
    /** Warn when this share of maxclients, in percent, is in use. */
    static final int NEAR_LIMIT_PERCENT = 90;

    private final FleetSnapshot fleet;
    private final Map<Integer, String> portOwners = new HashMap<>();
    private final Map<String, Long> budgets = new HashMap<>();
    private final Set<String> portReporters = new HashSet<>();
    private int budgetWorkers;
    private long budgetConnections;

    /** @param fleet the namespace's workers, read just before or after {@code CLIENT LIST} */
    public ConnectionCensus(FleetSnapshot fleet) {
        this.fleet = fleet;
        Map<Integer, Integer> claims = new HashMap<>();
        for (WorkerEntry entry : fleet.workers()) {
            WorkerRecord record = entry.record();
            if (record == null) {
                continue;
            }
            long budget = (record.poolMaxTotal() < 0 ? ASSUMED_POOL_MAX : record.poolMaxTotal()) + 1;
            budgets.put(entry.id(), budget);
            budgetWorkers++;
            budgetConnections += budget;
            if (reportsLocalPorts(record)) {
                portReporters.add(entry.id());
            }
            for (int port : record.localPorts()) {
                claims.merge(port, 1, Integer::sum);
                portOwners.put(port, entry.id());
            }
        }
        // A port two workers claim (two hosts may use the same local port) attributes nothing.
        claims.forEach((port, count) -> {
            if (count > 1) {
                portOwners.remove(port);
            }
        });
    }

    /** Groups {@code clients} and compares them with maxclients and the fleet's budget. */
    public ConnectionReport report(ClientListReader.ServerClients server, String redis, String selfName,
            long nowMillis) {
        Map<Owner, List<Member>> byOwner = new TreeMap<>(Comparator.comparing((Owner o) -> o.kind().ordinal())
                .thenComparing(Owner::namespace).thenComparing(Owner::name));
        for (ClientLine client : server.clients()) {
            Attribution attribution = attribute(client);
            byOwner.computeIfAbsent(attribution.owner(), owner -> new ArrayList<>())
                    .add(new Member(client, attribution.role()));
        }
        List<ConnectionGroup> groups = new ArrayList<>(byOwner.size());
        byOwner.forEach((owner, members) -> groups.add(new ConnectionGroup(owner.kind(), owner.name(),
                owner.namespace(), budgetOf(owner), ours(owner) && portReporters.contains(owner.name()), members)));
        int total = server.clients().size();
        return new ConnectionReport(fleet.namespace(), redis, nowMillis, selfName, total, server.maxClients(),
                server.maxClientsProblem(), budgetWorkers, budgetConnections, groups,
                warnings(total, server.maxClients(), groups));
    }

    /** Who a group belongs to; groups sort by kind, then namespace, then name. */
    private record Owner(Kind kind, String namespace, String name) {
    }

    private record Attribution(Owner owner, Role role) {
    }

    /** Whether the owner is a worker of the namespace whose records were read. */
    private boolean ours(Owner owner) {
        return owner.kind() == Kind.WORKER && owner.namespace().equals(fleet.namespace());
    }

    private long budgetOf(Owner owner) {
        return ours(owner) ? budgets.getOrDefault(owner.name(), -1L) : -1;
    }

    /**
     * Whether the record carries the socket census: some local ports, or a socket count (a census
     * that found no application socket lists no port, but still counts).
     */
    static boolean reportsLocalPorts(WorkerRecord record) {
        return !record.localPorts().isEmpty() || record.redisSocketCount() != WorkerRecord.UNKNOWN
                || record.appRedisSocketCount() != WorkerRecord.UNKNOWN;
    }

    private Attribution attribute(ClientLine client) {
        String name = client.name();
        if (name.isEmpty()) {
            String worker = portOwners.get(client.port());
            return worker != null
                    ? new Attribution(new Owner(Kind.WORKER, fleet.namespace(), worker), Role.PORT)
                    : new Attribution(new Owner(Kind.UNNAMED, "", client.host()), Role.UNNAMED);
        }
        // wmon:<role>:<ns>:<rest>; the rest (a worker id) may itself contain ':'.
        String[] parts = name.split(":", 4);
        if (parts.length == 4 && parts[0].equals("wmon") && !parts[3].isEmpty()) {
            switch (parts[1]) {
                case "agent":
                    return new Attribution(new Owner(Kind.WORKER, parts[2], parts[3]), Role.AGENT);
                case "stream":
                    return new Attribution(new Owner(Kind.WORKER, parts[2], parts[3]), Role.STREAM);
                case "cli":
                    return new Attribution(new Owner(Kind.CLI, parts[2], name), Role.CLI);
                default:
                    break;
            }
        }
        return new Attribution(new Owner(Kind.NAMED, "", name), Role.NAMED);
    }

    private List<String> warnings(int total, long maxClients, List<ConnectionGroup> groups) {
        List<String> warnings = new ArrayList<>();
        if (maxClients >= 0 && budgetConnections > maxClients) {
            warnings.add("fleet budget " + budgetConnections + " connections (" + budgetWorkers
                    + " workers x (pool_max + 1)) exceeds maxclients " + maxClients
                    + ": Redis will refuse connections once the pools fill up");
        }
        if (maxClients >= 0 && total * 100L >= maxClients * NEAR_LIMIT_PERCENT) {
            warnings.add(total + " connections in use of maxclients " + maxClients);
        }
        for (ConnectionGroup group : groups) {
            if (group.kind() != Kind.WORKER) {
                continue;
            }
            int own = group.count(Role.AGENT) + group.count(Role.STREAM);
            if (group.budget() >= 0 && own > group.budget()) {
                warnings.add("worker " + group.name() + " holds " + own + " wmon connections, more than its budget of "
                        + group.budget() + " (pool_max + 1)");
            }
            long subscribedPooled = group.members().stream()
                    .filter(m -> m.role() == Role.AGENT && m.client().subscribed()).count();
            if (subscribedPooled > 0) {
                warnings.add("worker " + group.name() + " has " + subscribedPooled
                        + " pooled connection(s) in Pub/Sub mode; a subscribed connection must never return to the pool");
            }
        }
        return warnings;
    }
}
