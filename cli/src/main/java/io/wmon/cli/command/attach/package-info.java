/** {@code wmon attach}: loads or stops the wmon agent in a running JVM, and the agent's option string. */
package io.wmon.cli.command.attach;
