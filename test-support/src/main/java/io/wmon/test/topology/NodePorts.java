package io.wmon.test.topology;

/**
 * The ports one server of a deployment listens on.
 *
 * @param port    the client port
 * @param busPort the cluster bus port, 0 for a server outside a cluster
 */
record NodePorts(int port, int busPort) {
}
