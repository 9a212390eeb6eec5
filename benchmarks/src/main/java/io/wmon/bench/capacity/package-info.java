/**
 * How many workers one Redis carries: simulated agents, each with its own id and beat schedule,
 * spread over generator JVMs with a pool each, writing real heartbeats with the core's
 * {@code HeartbeatWriter}, against a {@code redis-server} of the benchmark's own; Redis's own CPU,
 * bytes and memory are measured per beat and per worker, and so is a full fleet read. Runs with the
 * CLI's jar on the class path.
 */
package io.wmon.bench.capacity;
