package io.wmon.cli.command.connections;

import java.util.List;

/**
 * What {@code wmon connections} found: every connection of the server in groups, the total
 * against {@code maxclients}, the fleet's configured budget, and warnings.
 *
 * @param namespace the namespace whose worker records were read
 * @param redis the endpoint, redacted
 * @param generatedAtMillis when the report was made, epoch ms
 * @param selfName the name of this command's own connection
 * @param total every connection of the server, this command's included
 * @param maxClients the server's {@code maxclients}, or -1 when {@code CONFIG GET} is not allowed
 * @param maxClientsProblem why maxclients is unknown, one line; {@code ""} when known
 * @param budgetWorkers workers with a readable record
 * @param budgetConnections their configured budget: the sum of pool_max + 1 (pool_max 4 when not reported)
 * @param groups workers, then wmon commands, then other names, then unnamed hosts
 * @param warnings one line each, possibly none
 */
public record ConnectionReport(String namespace, String redis, long generatedAtMillis, String selfName, int total,
        long maxClients, String maxClientsProblem, int budgetWorkers, long budgetConnections,
        List<ConnectionGroup> groups, List<String> warnings) {

    public ConnectionReport {
        groups = List.copyOf(groups);
        warnings = List.copyOf(warnings);
    }

    public boolean maxClientsKnown() {
        return maxClients >= 0;
    }

    /** Whether the fleet's budget exceeds maxclients; false when maxclients is unknown. */
    public boolean budgetExceedsMaxClients() {
        return maxClientsKnown() && budgetConnections > maxClients;
    }
}
