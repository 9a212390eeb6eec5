package io.wmon.cli.command.connections;

import io.wmon.cli.shell.ExitCodes;
import io.wmon.cli.shell.JsonOption;
import io.wmon.cli.shell.RedisSession;
import io.wmon.cli.shell.WmonCommand;
import io.wmon.core.fleet.FleetSnapshot;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wmon connections}: who holds Redis connections, grouped by worker and role, against
 * {@code maxclients} and the fleet's configured budget. The view that catches a connection leak.
 */
@Command(name = "connections", sortOptions = false,
        description = "Show who holds Redis connections (CLIENT LIST grouped by worker and role) against maxclients.",
        footer = "%nSee docs/cli.md for the output formats.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:internal error", "2:usage error, or a database the Redis server does not have",
            "3:Redis unreachable, or refused us: credentials, maxclients, an ACL permission; or not Redis"})
public final class ConnectionsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    WmonCommand root;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        String redis = root.endpoint().redacted();
        ConnectionReport report;
        try (RedisSession session = RedisSession.open(root)) {
            FleetSnapshot fleet = session.fleetReader(root.keys()).read();
            ClientListReader.ServerClients server = ClientListReader.read(session.pool());
            report = new ConnectionCensus(fleet).report(server, redis, session.clientName(),
                    System.currentTimeMillis());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
            ConnectionsJson.write(out, report);
        } else {
            StringBuilder text = new StringBuilder(1024);
            ConnectionsView.render(report).forEach(line -> text.append(line).append('\n'));
            out.print(text);
            out.flush();
        }
        return ExitCodes.OK;
    }
}
