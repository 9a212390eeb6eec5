package io.wmon.cli.command.connections;

import io.wmon.core.record.WorkerRecord;
import java.util.List;
import java.util.Locale;

/**
 * Connections that belong together: one worker's (by name, or by a local port its record lists),
 * one {@code wmon} command's, one foreign client name's, or the unnamed ones from one host.
 *
 * <p>For a worker of the namespace read, the group also holds the worker's record, whose socket census
 * ({@code redis_sockets}, {@code app_sockets}, {@code local_ports}), application pools and leak alarm
 * the figures below compare with what the server lists.
 *
 * @param kind what the group stands for
 * @param name the worker id, the client name, or the host
 * @param namespace the worker's or command's namespace; {@code ""} for other kinds
 * @param budget for a worker with a readable record: pool_max + 1; else -1
 * @param record the worker's record, for a worker of the namespace read; else null
 * @param members every connection of the group with its role
 */
public record ConnectionGroup(Kind kind, String name, String namespace, long budget, WorkerRecord record,
        List<Member> members) {

    /** The kinds of groups, in the order a report lists them. */
    public enum Kind {
        WORKER, CLI, NAMED, UNNAMED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One connection and why it is in the group. */
    public record Member(ClientLine client, Role role) {
    }

    public ConnectionGroup {
        members = List.copyOf(members);
    }

    public int connections() {
        return members.size();
    }

    /** Connections of the group in {@code role}. */
    public int count(Role role) {
        return (int) members.stream().filter(member -> member.role() == role).count();
    }

    /**
     * Whether the worker's record carries the socket census (some local ports, or a socket count), so that
     * its application's connections could be told apart by port; false for other groups.
     */
    public boolean portsReported() {
        return record != null && (!record.localPorts().isEmpty() || record.redisSocketCount() != WorkerRecord.UNKNOWN
                || record.appRedisSocketCount() != WorkerRecord.UNKNOWN);
    }

    /** The application's connections, attributed by port; -1 (unknown) for a worker whose record lists no ports. */
    public int application() {
        return portsReported() ? count(Role.APP) : -1;
    }

    /** Those of {@link #application()} in Pub/Sub mode; -1 when unknown. */
    public int applicationPubSub() {
        return portsReported() ? (int) members.stream()
                .filter(member -> member.role() == Role.APP && member.client().subscribed()).count() : -1;
    }

    /**
     * Those of the application's other connections its pools hold: by count, at most the connections the
     * worker's record says its commons-pool pools hold ({@code app_active + app_idle}); -1 when unknown.
     */
    public int applicationPooled() {
        if (!portsReported() || record.appActiveConnections() < 0 || record.appIdleConnections() < 0) {
            return -1;
        }
        long pooled = record.appActiveConnections() + record.appIdleConnections();
        return (int) Math.min(application() - applicationPubSub(), pooled);
    }

    /** The application's connections neither subscribed nor pooled: opened on their own; -1 when unknown. */
    public int applicationUnpooled() {
        int pooled = applicationPooled();
        return pooled < 0 ? -1 : application() - applicationPubSub() - pooled;
    }

    /**
     * Sockets the worker's census counted that this listing did not match to it: to another Redis, beyond
     * the ports its record lists, or opened or closed since its beat; -1 when the record counts none.
     */
    public long unknown() {
        if (record == null || record.redisSocketCount() < 0) {
            return -1;
        }
        long matched = count(Role.AGENT) + count(Role.STREAM) + count(Role.APP);
        return Math.max(0, record.redisSocketCount() - matched);
    }

    /** Whether the worker's record says its connection-leak alarm is raised. */
    public boolean leak() {
        return record != null && record.leakAlarm();
    }

    /** Whether the worker's record lists as many local ports as it may (64) and counts more sockets than that. */
    public boolean portsCapped() {
        return record != null && record.localPorts().size() >= WorkerRecord.MAX_LOCAL_PORTS
                && record.redisSocketCount() > record.localPorts().size();
    }

    /** Connections in Pub/Sub mode ({@code sub} or {@code psub} above 0, or flagged {@code P}). */
    public int subscribed() {
        return (int) members.stream().filter(member -> member.client().subscribed()).count();
    }

    /** Whether {@code clientName} is one of the members, e.g. this command's own connection. */
    public boolean includes(String clientName) {
        return members.stream().anyMatch(member -> member.client().name().equals(clientName));
    }
}
