/**
 * How many workers one Redis carries: simulated agents (many in one JVM, each with its own id and
 * beat schedule) writing real heartbeats with the core's {@code HeartbeatWriter}, with Redis's own
 * CPU, bytes and memory measured. Runs with the CLI's jar on the class path.
 */
package io.wmon.bench.capacity;
