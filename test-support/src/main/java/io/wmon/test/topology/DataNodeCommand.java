package io.wmon.test.topology;

import io.wmon.test.FreePorts;
import io.wmon.test.RedisBinaries;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a master or replica of a Sentinel deployment: loopback only, no persistence; with a
 * password, {@code --requirepass} and {@code --masterauth} both, since either node may replicate the other
 * after a failover.
 */
final class DataNodeCommand {

    private final Path binary;
    private final boolean redis7;
    /** Null for plain servers. */
    private final TopologyTls tls;
    /** Null when the data nodes ask for none. */
    private final String password;

    /**
     * @param tls      TLS on the client port and for replication and the sentinels' links, nothing plain; null for plain ports
     * @param password what clients and replicas must {@code AUTH} with; null for none
     */
    DataNodeCommand(Path binary, TopologyTls tls, String password) {
        this.binary = binary;
        this.tls = tls;
        this.password = password;
        this.redis7 = RedisBinaries.majorVersion(binary) >= 7;
    }

    /** New ports for a first start; no bus port outside a cluster. */
    NodePorts pickPorts() {
        return new NodePorts(FreePorts.find(), 0);
    }

    /**
     * The command line of a server in {@code dir} on {@code ports}.
     *
     * @param masterPort the port of the master on 127.0.0.1 to replicate, or 0 for a master
     */
    List<String> command(Path dir, NodePorts ports, int masterPort) {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(portArguments(ports));
        command.addAll(List.of(
                "--bind", FreePorts.LOOPBACK,
                "--save", "",
                "--appendonly", "no",
                "--daemonize", "no",
                "--dir", dir.toString(),
                "--logfile", "",
                // Redis 7 waits 5 s by default before a full sync, for more replicas to join it; none will.
                "--repl-diskless-sync-delay", "0"));
        if (password != null) {
            command.addAll(List.of("--requirepass", password, "--masterauth", password));
        }
        if (masterPort != 0) {
            command.addAll(List.of("--replicaof", FreePorts.LOOPBACK, Integer.toString(masterPort)));
        }
        if (redis7) {
            // Redis 7 refuses DEBUG unless told otherwise; fault tests use DEBUG SLEEP from loopback.
            command.addAll(List.of("--enable-debug-command", "local"));
        }
        return command;
    }

    /** The command line of a sentinel on {@code ports} reading (and rewriting) {@code configFile}. */
    List<String> sentinelCommand(Path configFile, NodePorts ports) {
        List<String> command = new ArrayList<>(List.of(binary.toString(), configFile.toString(), "--sentinel"));
        command.addAll(portArguments(ports));
        return command;
    }

    /** {@code --port P}, or with TLS {@code --port 0 --tls-port P} and the certificates. */
    private List<String> portArguments(NodePorts ports) {
        return tls == null ? List.of("--port", Integer.toString(ports.port())) : tls.serverArguments(ports.port(), false);
    }
}
