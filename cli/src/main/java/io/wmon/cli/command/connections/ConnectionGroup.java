package io.wmon.cli.command.connections;

import java.util.List;
import java.util.Locale;

/**
 * Connections that belong together: one worker's (by name or by local port), one {@code wmon}
 * command's, one foreign client name's, or the unnamed ones from one host.
 *
 * @param kind what the group stands for
 * @param name the worker id, the client name, or the host
 * @param namespace the worker's or command's namespace; {@code ""} for other kinds
 * @param budget for a worker with a readable record: pool_max + 1; else -1
 * @param members every connection of the group with its role
 */
public record ConnectionGroup(Kind kind, String name, String namespace, long budget, List<Member> members) {

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

    /** Connections in Pub/Sub mode ({@code sub} or {@code psub} above 0). */
    public int subscribed() {
        return (int) members.stream().filter(member -> member.client().subscribed()).count();
    }

    /** Whether {@code clientName} is one of the members, e.g. this command's own connection. */
    public boolean includes(String clientName) {
        return members.stream().anyMatch(member -> member.client().name().equals(clientName));
    }
}
