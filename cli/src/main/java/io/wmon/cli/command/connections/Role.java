package io.wmon.cli.command.connections;

import java.util.Locale;

/** Why a connection belongs to its group. */
public enum Role {
    /** Named {@code wmon:agent:<ns>:<id>}: the worker's shared pool. */
    AGENT,
    /** Named {@code wmon:stream:<ns>:<id>}: the worker's one dedicated connection for blocking stream reads. */
    STREAM,
    /**
     * Not named as wmon's, but its port is one of the local ports the worker's record lists (from the same
     * address as the worker's named connections): the application's own, pooled, unpooled or subscribed.
     */
    APP,
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
