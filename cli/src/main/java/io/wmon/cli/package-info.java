/**
 * The {@code wmon} command line. This package is the entry point only: {@link io.wmon.cli.Wmon}
 * builds the picocli command line and registers every command; it is the one place that knows them
 * all.
 *
 * <p>The packages below follow one rule. Each command lives in its own package
 * {@code io.wmon.cli.command.<name>}, with the helpers that only it uses. A command package imports no
 * other command package and never this one. What two or more commands share lives in a feature
 * package beside {@code command}: {@code shell} (root options, exit codes, errors, the Redis session,
 * {@code --json}), {@code text} (tables and units), {@code fleetview} (the fleet shown once or
 * refreshed, used by {@code status} and {@code demo}) and {@code jvm} (the Attach API and the jars that
 * ship with the CLI, used by {@code attach}, {@code jmx} and {@code demo}). Feature packages import no
 * command package; {@code shell} and {@code text} import no other package of the CLI.
 */
package io.wmon.cli;
