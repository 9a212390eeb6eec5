/** {@code wmon status}: the fleet read from Redis on one connection, once or {@code --continuous}. */
package io.wmon.cli.command.status;
