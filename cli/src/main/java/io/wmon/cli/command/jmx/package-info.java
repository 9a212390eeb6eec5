/**
 * {@code wmon jmx}: reads the {@code io.wmon} MBeans of a local PID (Attach API and the JVM's local
 * management agent), a {@code host:port} or a {@code service:jmx:} URL, or lists the local JVMs.
 */
package io.wmon.cli.command.jmx;
