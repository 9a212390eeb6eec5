package io.wmon.cli.command.connections;

import io.wmon.cli.shell.ExitCodes;
import io.wmon.cli.shell.RedisFailureLine;
import io.wmon.cli.shell.JsonOption;
import io.wmon.cli.shell.RedisSession;
import io.wmon.cli.shell.WmonCommand;
import io.wmon.core.fleet.FleetSnapshot;
import io.wmon.core.redis.NodeReply;
import io.wmon.core.redis.RedisTopology;
import io.wmon.core.redis.RedisUnavailableException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wmon connections}: who holds Redis connections, grouped by worker and role, against
 * {@code maxclients} and the fleet's configured budget. The view that catches a connection leak. On a
 * Cluster, one report per node (each against its own {@code maxclients}); on Sentinel, the master's.
 */
@Command(name = "connections", sortOptions = false,
        description = "Show who holds Redis connections (CLIENT LIST grouped by worker and role) against maxclients.",
        footer = "%nSee docs/cli.md for the output formats.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:internal error", "2:usage error, a database the Redis server does not have, or a master the sentinels do not monitor",
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
        PrintWriter out = spec.commandLine().getOut();
        try (RedisSession session = RedisSession.open(root)) {
            FleetSnapshot fleet = session.fleetReader(root.keys()).read();
            List<NodeReply<ClientListReader.ServerClients>> servers = ClientListReader.readEachNode(session.pool());
            ConnectionCensus census = new ConnectionCensus(fleet);
            long now = System.currentTimeMillis();
            if (session.pool().topology() != RedisTopology.CLUSTER) {
                NodeReply<ClientListReader.ServerClients> server = servers.get(0);
                if (!server.answered()) {
                    throw server.failure();
                }
                String shown = session.pool().topology() == RedisTopology.SENTINEL
                        ? redis + " (master " + server.node() + ")" : redis;
                print(out, census.report(server.value(), shown, session.clientName(), now));
            } else {
                List<NodeConnections> nodes = new ArrayList<>();
                for (NodeReply<ClientListReader.ServerClients> server : servers) {
                    nodes.add(server.answered()
                            ? new NodeConnections(server.node(), census.report(server.value(), "node " + server.node(),
                                    session.clientName(), now), null)
                            : new NodeConnections(server.node(), null, failureLine(server.failure())));
                }
                print(out, redis, root.keys().namespace(), now, nodes);
            }
        }
        return ExitCodes.OK;
    }

    private void print(PrintWriter out, ConnectionReport report) {
        if (json.enabled()) {
            ConnectionsJson.write(out, report);
            return;
        }
        StringBuilder text = new StringBuilder(1024);
        ConnectionsView.render(report).forEach(line -> text.append(line).append('\n'));
        out.print(text);
        out.flush();
    }

    private void print(PrintWriter out, String redis, String namespace, long now, List<NodeConnections> nodes) {
        if (json.enabled()) {
            ConnectionsJson.writeNodes(out, redis, namespace, now, nodes);
            return;
        }
        StringBuilder text = new StringBuilder(4096);
        ConnectionsView.renderNodes(redis, nodes).forEach(line -> text.append(line).append('\n'));
        out.print(text);
        out.flush();
    }

    private static String failureLine(RuntimeException failure) {
        return failure instanceof RedisUnavailableException
                ? RedisFailureLine.line((RedisUnavailableException) failure) : String.valueOf(failure.getMessage());
    }
}
