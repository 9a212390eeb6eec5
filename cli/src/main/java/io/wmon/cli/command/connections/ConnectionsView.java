package io.wmon.cli.command.connections;

import io.wmon.cli.command.connections.ConnectionGroup.Kind;
import io.wmon.cli.text.SafeText;
import io.wmon.cli.text.TextTable;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link ConnectionReport}: the total against maxclients, the fleet's budget, one table
 * row per group with its connections by role (for a worker: the agent's pool, its stream connection, the
 * application's connections and how many of them its pools hold, the subscribed ones, and the sockets its
 * census counted that the server does not list for it), then warnings.
 *
 * <p>Client names and hosts come from {@code CLIENT LIST}, written by any client: like every text
 * from outside they are escaped ({@code SafeText}) and cut, a name at {@value #NAME_WIDTH}
 * characters, a warning at {@value #WARNING_WIDTH}; {@code --json} keeps them whole.
 */
public final class ConnectionsView {

    /** The longest client name (or host) shown. */
    static final int NAME_WIDTH = 256;
    /** The longest warning line shown. */
    static final int WARNING_WIDTH = 512;

    private static final List<TextTable.Column> COLUMNS = List.of(
            new TextTable.Column("GROUP", 7, false),
            new TextTable.Column("NAME", NAME_WIDTH, false),
            new TextTable.Column("CONNS", 6, true),
            new TextTable.Column("AGENT", 6, true),
            new TextTable.Column("STREAM", 6, true),
            new TextTable.Column("APP", 6, true),
            new TextTable.Column("POOLED", 6, true),
            new TextTable.Column("UNPOOLED", 8, true),
            new TextTable.Column("SUBSCRIBED", 10, true),
            new TextTable.Column("UNKNOWN", 7, true),
            new TextTable.Column("BUDGET", 6, true),
            new TextTable.Column("NOTE", 200, false));

    private ConnectionsView() {
    }

    /**
     * A Cluster's reports, node after node: each node's lines as {@link #render} gives them, its
     * {@code UNKNOWN} column left {@code -} (a worker's census counts its sockets to every node, which
     * one node's list cannot account for), or one line for a node that could not be read.
     */
    public static List<String> renderNodes(String redis, List<NodeConnections> nodes) {
        List<String> lines = new ArrayList<>();
        int total = 0;
        for (NodeConnections node : nodes) {
            total += node.report() == null ? 0 : node.report().total();
        }
        lines.add(SafeText.escape(redis) + ": " + nodes.size() + " nodes, " + total + " connections in all");
        for (NodeConnections node : nodes) {
            lines.add("");
            if (node.report() == null) {
                lines.add("node " + SafeText.escape(node.node()) + ": not read: " + SafeText.escape(node.failure(), WARNING_WIDTH));
            } else {
                lines.addAll(render(node.report(), false));
            }
        }
        return lines;
    }

    /** The report as lines of text, nothing cut. */
    public static List<String> render(ConnectionReport report) {
        return render(report, true);
    }

    private static List<String> render(ConnectionReport report, boolean unknownColumn) {
        List<String> lines = new ArrayList<>();
        lines.add(SafeText.escape(report.redis()) + ": " + report.total() + " connections, maxclients "
                + maxClients(report));
        lines.add("fleet " + SafeText.escape(report.namespace()) + ": " + report.budgetWorkers() + " workers, budget "
                + report.budgetConnections() + " connections (pool_max + 1 each)" + budgetVerdict(report));
        TextTable table = new TextTable(COLUMNS);
        for (ConnectionGroup group : report.groups()) {
            table.add(null, cells(group, report, unknownColumn));
        }
        lines.add("");
        lines.addAll(table.render(TextTable.UNLIMITED));
        for (String warning : report.warnings()) {
            lines.add("WARNING: " + SafeText.escape(warning, WARNING_WIDTH));
        }
        return lines;
    }

    private static String maxClients(ConnectionReport report) {
        if (report.maxClientsKnown()) {
            return Long.toString(report.maxClients()) + " ("
                    + Math.round(100.0 * report.total() / Math.max(1, report.maxClients())) + "% used)";
        }
        return "unknown (" + SafeText.escape(report.maxClientsProblem(), WARNING_WIDTH) + ")";
    }

    private static String budgetVerdict(ConnectionReport report) {
        if (!report.maxClientsKnown()) {
            return "";
        }
        return report.budgetExceedsMaxClients() ? ", EXCEEDS maxclients" : ", fits maxclients";
    }

    private static String[] cells(ConnectionGroup group, ConnectionReport report, boolean unknownColumn) {
        boolean worker = group.kind() == Kind.WORKER;
        String name = worker && !group.namespace().equals(report.namespace())
                ? group.namespace() + "/" + group.name() : group.name();
        return new String[] {
            group.kind().wire(), name, Integer.toString(group.connections()),
            worker ? Integer.toString(group.count(Role.AGENT)) : "",
            worker ? Integer.toString(group.count(Role.STREAM)) : "",
            worker ? count(group.application()) : "",
            worker ? count(group.applicationPooled()) : "",
            worker ? count(group.applicationUnpooled()) : "",
            Integer.toString(group.subscribed()),
            worker ? (unknownColumn ? count(group.unknown()) : "-") : "",
            group.budget() < 0 ? "" : Long.toString(group.budget()),
            note(group, report)};
    }

    /** {@code -} when not known (a record without the socket census, or without application pools). */
    private static String count(long n) {
        return n < 0 ? "-" : Long.toString(n);
    }

    private static String note(ConnectionGroup group, ConnectionReport report) {
        List<String> notes = new ArrayList<>(2);
        if (group.leak()) {
            notes.add("LEAK ALARM: " + group.record().redisSocketCount() + " Redis sockets");
        }
        if (group.includes(report.selfName())) {
            notes.add("this command");
        }
        if (group.kind() == Kind.UNNAMED) {
            notes.add("unattributed");
        }
        if (group.count(Role.APP) > 0) {
            notes.add("APP attributed by the local ports its record lists");
        }
        if (group.portsCapped()) {
            notes.add("ports capped: " + group.record().localPorts().size() + " of " + group.record().redisSocketCount()
                    + " listed");
        }
        int own = group.count(Role.AGENT) + group.count(Role.STREAM);
        if (group.budget() >= 0 && own > group.budget()) {
            notes.add("OVER BUDGET");
        }
        return String.join("; ", notes);
    }
}
