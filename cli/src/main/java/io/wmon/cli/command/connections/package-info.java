/**
 * {@code wmon connections}: {@code CLIENT LIST} grouped by who holds each connection, against
 * {@code maxclients} and the fleet's budget; the census, its text view and its JSON document.
 */
package io.wmon.cli.command.connections;
