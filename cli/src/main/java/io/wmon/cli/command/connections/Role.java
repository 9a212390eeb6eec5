package io.wmon.cli.command.connections;

import java.util.Locale;

/** Why a connection belongs to its group. */
public enum Role {
    /** Named {@code wmon:agent:<ns>:<id>}: the worker's shared pool. */
    AGENT,
    /** Named {@code wmon:stream:<ns>:<id>}: the worker's one dedicated connection for blocking stream reads. */
    STREAM,
    /**
     * Unnamed, but its port is one of the local ports the worker's record lists: the application's own.
     * The agent does not write {@code local_ports} yet, so only a record from elsewhere leads here.
     */
    PORT,
    /** Named {@code wmon:cli:<ns>:<pid>}: a {@code wmon} command. */
    CLI,
    /** Named by something else than wmon. */
    NAMED,
    /** Unnamed and not attributed to a worker. */
    UNNAMED;

    /** The lower-case form used in JSON and tables. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
