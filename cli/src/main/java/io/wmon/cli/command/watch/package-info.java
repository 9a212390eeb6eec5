/**
 * {@code wmon watch}: follows the event stream on one connection, printing each event as it
 * arrives, resuming after a reconnect, and recording stale and gone workers as it goes.
 */
package io.wmon.cli.command.watch;
