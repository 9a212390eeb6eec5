package io.wmon.core.redis;

import java.util.regex.Pattern;

/**
 * The names wmon gives its connections with {@code CLIENT SETNAME}, so that {@code CLIENT LIST}
 * shows who holds each one: {@code wmon:agent:<ns>:<id>}, {@code wmon:stream:<ns>:<id>},
 * {@code wmon:cli:<ns>:<pid>}.
 *
 * <p>Redis rejects names with spaces or newlines, so any character outside a safe set is
 * replaced by {@code _}.
 */
public final class ConnectionNames {

    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._:@{}\\-]");
    private static final int MAX_PART = 120;

    private ConnectionNames() {
    }

    /** The shared pool's connections in a worker with the agent. */
    public static String agent(String namespace, String workerId) {
        return name("agent", namespace, workerId);
    }

    /**
     * A worker's one dedicated connection for blocking stream reads ({@code XREAD BLOCK}), outside
     * the pool; the contract reserves the name, the agent opens no such connection yet.
     */
    public static String stream(String namespace, String workerId) {
        return name("stream", namespace, workerId);
    }

    /** The one connection of a {@code wmon} command. */
    public static String cli(String namespace, long pid) {
        return name("cli", namespace, Long.toString(pid));
    }

    private static String name(String role, String namespace, String id) {
        return "wmon:" + role + ":" + safe(namespace) + ":" + safe(id);
    }

    static String safe(String part) {
        String cut = part.length() > MAX_PART ? part.substring(0, MAX_PART) : part;
        return UNSAFE.matcher(cut).replaceAll("_");
    }
}
