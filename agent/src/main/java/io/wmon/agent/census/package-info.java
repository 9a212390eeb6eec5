/**
 * The socket census: every established TCP connection of this JVM to Redis, pooled or not, counted
 * from {@code /proc} once per heartbeat on the agent's thread, the agent's own told apart from the
 * application's; and the leak alarm that watches the count.
 */
package io.wmon.agent.census;
