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
 * {@code <id>}. Any other connection, named or not, whose port is one of the {@code local_ports} a
 * worker's record lists goes to that worker as its application's ({@link Role#APP}): the agent's socket
 * census lists the local ports of every connection of the JVM to Redis. A port claims a connection for
 * the worker whose named connections come from the connection's address, so that two hosts that happen
 * to use the same port number are told apart; a worker with no named connection listed (its address
 * unknown) claims it only when no worker of that address does; a port two workers claim alike
 * attributes nothing. The rest: {@code wmon:cli:<ns>:<pid>} to that command, other names to a group per name,
 * unnamed ones to a group per client host. Budgets come from the records: a worker may hold
 * pool_max + 1 wmon connections (pool_max {@value #ASSUMED_POOL_MAX} when not reported).
 */
public final class ConnectionCensus {

    /** The pool bound assumed for a worker that does not report {@code pool_max}: the agent's default. */
    static final int ASSUMED_POOL_MAX = PoolSettings.DEFAULT_MAX_TOTAL;
    /** Warn when this share of maxclients, in percent, is in use. */
    static final int NEAR_LIMIT_PERCENT = 90;

    private final FleetSnapshot fleet;
    private final Map<Integer, List<String>> portClaims = new HashMap<>();
    private final Map<String, Long> budgets = new HashMap<>();
    private final Map<String, WorkerRecord> records = new HashMap<>();
    private int budgetWorkers;
    private long budgetConnections;

    /** @param fleet the namespace's workers, read just before or after {@code CLIENT LIST} */
    public ConnectionCensus(FleetSnapshot fleet) {
        this.fleet = fleet;
        for (WorkerEntry entry : fleet.workers()) {
            WorkerRecord record = entry.record();
            if (record == null) {
                continue;
            }
            long budget = (record.poolMaxTotal() < 0 ? ASSUMED_POOL_MAX : record.poolMaxTotal()) + 1;
            budgets.put(entry.id(), budget);
            records.put(entry.id(), record);
            budgetWorkers++;
            budgetConnections += budget;
            for (int port : record.localPorts()) {
                portClaims.computeIfAbsent(port, p -> new ArrayList<>(1)).add(entry.id());
            }
        }
    }

    /** Groups {@code clients} and compares them with maxclients and the fleet's budget. */
    public ConnectionReport report(ClientListReader.ServerClients server, String redis, String selfName,
            long nowMillis) {
        Map<Owner, List<Member>> byOwner = new TreeMap<>(Comparator.comparing((Owner o) -> o.kind().ordinal())
                .thenComparing(Owner::namespace).thenComparing(Owner::name));
        Map<String, Set<String>> hosts = workerHosts(server.clients());
        for (ClientLine client : server.clients()) {
            Attribution attribution = attribute(client, hosts);
            byOwner.computeIfAbsent(attribution.owner(), owner -> new ArrayList<>())
                    .add(new Member(client, attribution.role()));
        }
        List<ConnectionGroup> groups = new ArrayList<>(byOwner.size());
        byOwner.forEach((owner, members) -> groups.add(new ConnectionGroup(owner.kind(), owner.name(),
                owner.namespace(), budgetOf(owner), ours(owner) ? records.get(owner.name()) : null, members)));
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

    /** The client addresses of each worker's named connections ({@code wmon:agent}, {@code wmon:stream}) in this namespace. */
    private Map<String, Set<String>> workerHosts(List<ClientLine> clients) {
        Map<String, Set<String>> hosts = new HashMap<>();
        for (ClientLine client : clients) {
            Owner named = wmonWorker(client.name());
            if (named != null && named.namespace().equals(fleet.namespace())) {
                hosts.computeIfAbsent(named.name(), id -> new HashSet<>()).add(client.host());
            }
        }
        return hosts;
    }

    private Attribution attribute(ClientLine client, Map<String, Set<String>> hosts) {
        String name = client.name();
        Owner worker = wmonWorker(name);
        if (worker != null) {
            return new Attribution(worker, name.startsWith("wmon:agent:") ? Role.AGENT : Role.STREAM);
        }
        String claimant = claimant(client, hosts);
        if (claimant != null) {
            return new Attribution(new Owner(Kind.WORKER, fleet.namespace(), claimant), Role.APP);
        }
        if (name.isEmpty()) {
            return new Attribution(new Owner(Kind.UNNAMED, "", client.host()), Role.UNNAMED);
        }
        String[] parts = name.split(":", 4);
        if (parts.length == 4 && parts[0].equals("wmon") && parts[1].equals("cli") && !parts[3].isEmpty()) {
            return new Attribution(new Owner(Kind.CLI, parts[2], name), Role.CLI);
        }
        return new Attribution(new Owner(Kind.NAMED, "", name), Role.NAMED);
    }

    /**
     * The worker whose record lists the client's port: the one such worker whose named connections come
     * from the client's address; else, when none does, the one such worker with no named connection listed
     * now (its address unknown); null when there is none, or more than one, of the kind that decides.
     */
    private String claimant(ClientLine client, Map<String, Set<String>> hosts) {
        List<String> claims = portClaims.get(client.port());
        if (claims == null) {
            return null;
        }
        String sameHost = null;
        String unknownHost = null;
        int same = 0;
        int unknown = 0;
        for (String id : claims) {
            Set<String> from = hosts.get(id);
            if (from == null) {
                unknownHost = id;
                unknown++;
            } else if (from.contains(client.host())) {
                sameHost = id;
                same++;
            }
        }
        if (same > 0) {
            return same == 1 ? sameHost : null;
        }
        return unknown == 1 ? unknownHost : null;
    }

    /** The worker a {@code wmon:agent:<ns>:<id>} or {@code wmon:stream:<ns>:<id>} name names; else null. */
    private static Owner wmonWorker(String name) {
        // wmon:<role>:<ns>:<rest>; the rest (a worker id) may itself contain ':'.
        String[] parts = name.split(":", 4);
        if (parts.length == 4 && parts[0].equals("wmon") && !parts[3].isEmpty()
                && (parts[1].equals("agent") || parts[1].equals("stream"))) {
            return new Owner(Kind.WORKER, parts[2], parts[3]);
        }
        return null;
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
            WorkerRecord record = group.record();
            if (group.leak()) {
                warnings.add("worker " + group.name() + " raised the connection-leak alarm: its census counts "
                        + record.redisSocketCount() + " Redis sockets, " + record.appRedisSocketCount()
                        + " of them the application's; " + group.application() + " of them are here, "
                        + group.applicationPubSub() + " in Pub/Sub mode");
            }
            if (group.portsCapped()) {
                warnings.add("worker " + group.name() + " lists " + record.localPorts().size() + " of its "
                        + record.redisSocketCount() + " Redis sockets' ports (local_ports holds at most "
                        + WorkerRecord.MAX_LOCAL_PORTS + "); the others are among the unattributed");
            }
        }
        return warnings;
    }
}
