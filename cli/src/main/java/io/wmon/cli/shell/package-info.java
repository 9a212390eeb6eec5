/**
 * What every command runs with: the root command and its global options, the exit codes, the one
 * exception-to-exit-code mapper, the CLI's Redis session, the {@code --json} flag and its writer, and
 * the unreachable-target exception. A leaf: it imports no other package of the CLI.
 */
package io.wmon.cli.shell;
