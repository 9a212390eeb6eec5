package io.wmon.cli.command.connections;

/**
 * One Cluster node's part of {@code wmon connections}: its report, or why it could not be read.
 *
 * @param node {@code host:port}
 * @param report the node's connections against its own {@code maxclients}; {@code null} when it could not be read
 * @param failure one line, why the node could not be read; {@code null} when it was
 */
public record NodeConnections(String node, ConnectionReport report, String failure) {
}
