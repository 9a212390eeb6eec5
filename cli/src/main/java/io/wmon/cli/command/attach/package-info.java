/**
 * {@code wmon attach}: loads or stops the wmon agent in a running JVM; also the Attach API session,
 * the PID checks and the agent-jar lookup that {@code jmx} and {@code demo} share.
 */
package io.wmon.cli.command.attach;
