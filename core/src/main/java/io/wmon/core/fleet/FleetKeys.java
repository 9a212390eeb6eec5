package io.wmon.core.fleet;

import java.util.Objects;

/**
 * The Redis key names of one fleet namespace (schema v1).
 *
 * <p>Every key carries the hash tag {@code {NS}}, so a namespace lives in one Redis Cluster
 * slot and one pipeline may touch all of its keys. Namespaces and worker ids are restricted to
 * characters that are safe in keys, in {@code CLIENT SETNAME} names (no spaces) and on a
 * terminal; braces in particular are excluded so that the hash tag stays {@code {NS}}.
 */
public final class FleetKeys {

    /** The namespace used when none is configured. */
    public static final String DEFAULT_NAMESPACE = "default";
    /** The accepted form of a namespace, as shown in error messages. */
    public static final String NAMESPACE_FORM = "1-64 characters from A-Z a-z 0-9 . _ -";
    /** The accepted form of a worker id, as shown in error messages. */
    public static final String WORKER_ID_FORM = "1-128 characters from A-Z a-z 0-9 . _ - : @";

    private static final int MAX_NAMESPACE = 64;
    private static final int MAX_WORKER_ID = 128;

    private final String namespace;
    private final String prefix;

    private FleetKeys(String namespace) {
        this.namespace = namespace;
        this.prefix = "wmon:{" + namespace + "}:";
    }

    /**
     * The keys of {@code namespace}.
     *
     * @throws IllegalArgumentException naming the bad value and the accepted form
     */
    public static FleetKeys of(String namespace) {
        if (!fits(namespace, MAX_NAMESPACE, "._-")) {
            throw new IllegalArgumentException("invalid namespace " + show(namespace) + ": use "
                    + NAMESPACE_FORM);
        }
        return new FleetKeys(namespace);
    }

    /** Whether {@code id} can be a worker id (and thus part of a key). */
    public static boolean isValidWorkerId(String id) {
        // ':' and '@' so that ids such as "host-42:worker@eu" or the default "<host>-<pid>" fit.
        return fits(id, MAX_WORKER_ID, "._:@-");
    }

    /**
     * Returns {@code id} when it can be a worker id.
     *
     * @throws IllegalArgumentException naming the bad value and the accepted form
     */
    public static String checkWorkerId(String id) {
        if (!isValidWorkerId(id)) {
            throw new IllegalArgumentException("invalid worker id " + show(id) + ": use " + WORKER_ID_FORM);
        }
        return id;
    }

    /**
     * Whether {@code text} is 1..{@code max} characters from A-Z a-z 0-9 and {@code extra}. A loop
     * rather than a regular expression: a fleet read checks every worker id, 10,000 at a time.
     */
    private static boolean fits(String text, int max, String extra) {
        if (text == null || text.isEmpty() || text.length() > max) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!plain && extra.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    public String namespace() {
        return namespace;
    }

    /** {@code wmon:{NS}:workers}: the registry ZSET, member = worker id, score = last beat (epoch ms). */
    public String workers() {
        return prefix + "workers";
    }

    /**
     * {@code wmon:{NS}:worker:<id>}: one worker's record hash.
     *
     * @throws IllegalArgumentException when {@code id} is not a valid worker id
     */
    public String worker(String id) {
        return prefix + "worker:" + checkWorkerId(id);
    }

    /** {@code wmon:{NS}:events}: the state-change event STREAM. */
    public String events() {
        return prefix + "events";
    }

    /** {@code wmon:{NS}:prune-lock}: taken with {@code SET NX EX 60} by whoever prunes gone workers. */
    public String pruneLock() {
        return prefix + "prune-lock";
    }

    /**
     * {@code wmon:{NS}:guard:<kind>:<id>:<beat>}: taken with {@code SET NX EX} by the one reader that
     * reports worker {@code id}'s episode of {@code kind} ({@code stale}, {@code down}) whose last beat
     * was {@code beatMillis}; a worker that beats again and stops again has a new beat, so a new key.
     *
     * @throws IllegalArgumentException when {@code id} is not a valid worker id, or {@code kind} not a plain word
     */
    public String episodeGuard(String kind, String id, long beatMillis) {
        if (!fits(kind, 16, "_")) {
            throw new IllegalArgumentException("invalid guard kind " + show(kind));
        }
        return prefix + "guard:" + kind + ":" + checkWorkerId(id) + ":" + beatMillis;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FleetKeys && ((FleetKeys) o).namespace.equals(namespace);
    }

    @Override
    public int hashCode() {
        return Objects.hash(namespace);
    }

    @Override
    public String toString() {
        return "FleetKeys{" + prefix + "}";
    }

    private static String show(String value) {
        if (value == null) {
            return "(none)";
        }
        // Cut long values and make control characters visible: the message must stay one line.
        String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
