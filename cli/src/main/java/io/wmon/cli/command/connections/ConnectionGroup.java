package io.wmon.cli.command.connections;

import java.util.List;
import java.util.Locale;

/**
 * Connections that belong together: one worker's (by name, or by a local port its record lists),
 * one {@code wmon} command's, one foreign client name's, or the unnamed ones from one host.
 *
 * @param kind what the group stands for
 * @param name the worker id, the client name, or the host
 * @param namespace the worker's or command's namespace; {@code ""} for other kinds
 * @param budget for a worker with a readable record: pool_max + 1; else -1
 * @param portsReported for a worker: whether its record lists the local ports of its Redis sockets,
 *     so that its unnamed connections could be told apart (the agent does not write them yet)
 * @param members every connection of the group with its role
 */
public record ConnectionGroup(Kind kind, String name, String namespace, long budget, boolean portsReported,
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
     * The worker's unnamed connections attributed by local port; -1 (unknown) for a worker whose
     * record lists no ports, since then none could have been found. Other kinds hold none: 0.
     */
    public long byPort() {
        return kind == Kind.WORKER && !portsReported ? -1 : count(Role.PORT);
    }

    /** Connections in Pub/Sub mode ({@code sub} or {@code psub} above 0). */
    public int subscribed() {
        return (int) members.stream().filter(member -> member.client().subscribed()).count();
    }

    /** Whether {@code clientName} is one of the members, e.g. this command's own connection. */
    public boolean includes(String clientName) {
        return members.stream().anyMatch(member -> member.client().name().equals(clientName));
    }
}
