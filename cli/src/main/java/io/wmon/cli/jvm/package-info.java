/**
 * Local JVMs through the Attach API (PID checks, the attach session) and the jars that ship with the
 * CLI (the agent, the example worker); shared by {@code attach}, {@code jmx} and {@code demo}.
 */
package io.wmon.cli.jvm;
