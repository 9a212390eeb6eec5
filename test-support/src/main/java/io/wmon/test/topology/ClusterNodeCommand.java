package io.wmon.test.topology;

import io.wmon.test.FreePorts;
import io.wmon.test.RedisBinaries;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line and the ports of one cluster node, for the binary at hand: Redis 7 takes its bus
 * port as {@code --cluster-port}; before 7 the bus port is always the client port + 10000, so the
 * client port must leave room for it.
 */
final class ClusterNodeCommand {

    /** What Redis adds to the client port for the bus port when it cannot be set. */
    static final int BUS_PORT_OFFSET = 10_000;
    /** The file, in the node's directory, where the node keeps its id, epoch and view of the cluster. */
    static final String NODES_CONF = "nodes.conf";
    /** Port draws before giving up on one whose port + 10000 is free too. */
    private static final int PORT_DRAWS = 100;

    private final Path binary;
    private final boolean redis7;
    private final Duration nodeTimeout;
    private final boolean requireFullCoverage;
    /** Null for a plain node. */
    private final TopologyTls tls;

    /** @param tls TLS on the client port and the bus, nothing plain; null for plain ports */
    ClusterNodeCommand(Path binary, Duration nodeTimeout, boolean requireFullCoverage, TopologyTls tls) {
        this.binary = binary;
        this.redis7 = RedisBinaries.majorVersion(binary) >= 7;
        this.nodeTimeout = nodeTimeout;
        this.requireFullCoverage = requireFullCoverage;
        this.tls = tls;
    }

    /** True for Redis 7 and later: {@code --cluster-port}, {@code CLUSTER ADDSLOTSRANGE}, the bus port in {@code CLUSTER MEET}. */
    boolean redis7() {
        return redis7;
    }

    /** A client port and a bus port, both free a moment ago. */
    NodePorts pickPorts() {
        if (redis7) {
            int port = FreePorts.find();
            int busPort = FreePorts.find();
            while (busPort == port) {
                busPort = FreePorts.find();
            }
            return new NodePorts(port, busPort);
        }
        for (int draw = 0; draw < PORT_DRAWS; draw++) {
            int port = FreePorts.find();
            if (port + BUS_PORT_OFFSET <= 65_535 && isFree(port + BUS_PORT_OFFSET)) {
                return new NodePorts(port, port + BUS_PORT_OFFSET);
            }
        }
        throw new IllegalStateException("no free port p on 127.0.0.1 with p + " + BUS_PORT_OFFSET
                + " free too, after " + PORT_DRAWS + " draws (Redis before 7 puts the cluster bus there)");
    }

    private static boolean isFree(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(FreePorts.LOOPBACK))) {
            return probe.isBound();
        } catch (IOException e) {
            return false;
        }
    }

    /** The command line of a node in {@code dir} on {@code ports}; with TLS the client port is the TLS port. */
    List<String> command(Path dir, NodePorts ports) {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(tls == null ? List.of("--port", Integer.toString(ports.port())) : tls.serverArguments(ports.port(), true));
        command.addAll(List.of(
                "--bind", FreePorts.LOOPBACK,
                "--save", "",
                "--appendonly", "no",
                "--daemonize", "no",
                "--dir", dir.toString(),
                "--logfile", "",
                "--cluster-enabled", "yes",
                "--cluster-config-file", NODES_CONF,
                "--cluster-node-timeout", Long.toString(nodeTimeout.toMillis()),
                // Without it a node learns its own address only from its peers; its slot map would differ meanwhile.
                "--cluster-announce-ip", FreePorts.LOOPBACK));
        if (!requireFullCoverage) {
            command.addAll(List.of("--cluster-require-full-coverage", "no"));
        }
        if (redis7) {
            command.addAll(List.of("--cluster-port", Integer.toString(ports.busPort()),
                    // Redis 7 refuses DEBUG unless told otherwise; fault tests use DEBUG SLEEP from loopback.
                    "--enable-debug-command", "local"));
        }
        return command;
    }
}
