/**
 * {@code wmon demo}: a Redis (found, given or started), example worker JVMs with the agent, and a
 * fleet view; everything it starts is stopped when it ends, on Ctrl-C too.
 */
package io.wmon.cli.command.demo;
