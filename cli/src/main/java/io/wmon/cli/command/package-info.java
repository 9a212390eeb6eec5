/**
 * The commands, one package each ({@code status}, {@code connections}, {@code prune}, {@code jmx},
 * {@code attach}, {@code demo}): one {@code Callable<Integer>} class per subcommand and the helpers only
 * it uses. A command package imports no other command package and not {@code io.wmon.cli}; what
 * commands share is in the feature packages {@code shell}, {@code text}, {@code fleetview} and
 * {@code jvm} (see {@link io.wmon.cli}).
 */
package io.wmon.cli.command;
