/** {@code wmon prune}: removes gone workers from the registry, re-checking each one as it goes. */
package io.wmon.cli.command.prune;
