package io.wmon.core.fleet;

import io.wmon.core.redis.RedisUnavailableException;
import io.wmon.core.redis.NodeReply;
import io.wmon.core.redis.SharedPool;
import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.Connection;
import redis.clients.jedis.RedisProtocol;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Finds the namespaces that have a worker registry ({@code wmon:{NS}:workers}) with a bounded
 * {@code SCAN}, for a reader that found its own namespace empty: "did you mean …?".
 *
 * <p>At most {@value #MAX_CALLS} {@code SCAN … MATCH wmon:{*}:workers COUNT }{@value #COUNT} calls on
 * one borrowed connection per node (every node of a Cluster), so on a big keyspace it examines about {@code MAX_CALLS × COUNT} keys
 * and says that it stopped early, instead of walking millions of keys. A Redis that refuses
 * {@code SCAN} (an ACL without {@code +scan}) yields an unfinished, empty result, never an error.
 */
public final class NamespaceScan {

    /** Keys examined per {@code SCAN} call (a hint to the server). */
    public static final int COUNT = 1_000;
    /** {@code SCAN} calls at most, one round trip each. */
    public static final int MAX_CALLS = 10;
    /** Namespaces collected at most. */
    public static final int MAX_NAMESPACES = 50;

    private static final String PREFIX = "wmon:{";
    private static final String SUFFIX = "}:workers";

    private final List<String> namespaces;
    private final boolean complete;
    private final String refusal;

    private NamespaceScan(List<String> namespaces, boolean complete, String refusal) {
        this.namespaces = namespaces;
        this.complete = complete;
        this.refusal = refusal;
    }

    /**
     * Scans the keyspace of {@code pool}'s Redis.
     *
     * @throws RedisUnavailableException when Redis cannot be reached
     */
    public static NamespaceScan of(SharedPool pool) {
        ScanParams params = new ScanParams().match(PREFIX + "*" + SUFFIX).count(COUNT);
        CommandObjects commands = new CommandObjects(RedisProtocol.RESP3);
        TreeSet<String> found = new TreeSet<>();
        boolean complete = true;
        String refusal = null;
        // One scan per node: a Cluster client cannot route a SCAN whose pattern has no fixed hash tag.
        for (NodeReply<NodeScan> reply : pool.callEachNode(connection -> scan(connection, commands, params, found))) {
            if (!reply.answered()) {
                complete = false;
                refusal = refusal == null ? String.valueOf(reply.failure().getMessage()) : refusal;
            } else {
                complete &= reply.value().complete;
                refusal = refusal == null ? reply.value().refusal : refusal;
            }
        }
        return new NamespaceScan(Collections.unmodifiableList(new ArrayList<>(found)), complete && refusal == null,
                refusal);
    }

    /** Scans one node into {@code found}, at most {@value #MAX_CALLS} calls. */
    private static NodeScan scan(Connection connection, CommandObjects commands, ScanParams params, TreeSet<String> found) {
        String cursor = ScanParams.SCAN_POINTER_START;
        int calls = 0;
        try {
            do {
                ScanResult<String> page = connection.executeCommand(commands.scan(cursor, params));
                calls++;
                for (String key : page.getResult()) {
                    String namespace = namespaceOf(key);
                    if (namespace != null && found.size() < MAX_NAMESPACES) {
                        found.add(namespace);
                    }
                }
                cursor = page.getCursor();
            } while (!ScanParams.SCAN_POINTER_START.equals(cursor) && calls < MAX_CALLS
                    && found.size() < MAX_NAMESPACES);
        } catch (JedisDataException refused) {
            return new NodeScan(false, String.valueOf(refused.getMessage()));
        }
        return new NodeScan(ScanParams.SCAN_POINTER_START.equals(cursor), null);
    }

    /** How far one node's scan got. */
    private static final class NodeScan {
        final boolean complete;
        final String refusal;

        NodeScan(boolean complete, String refusal) {
            this.complete = complete;
            this.refusal = refusal;
        }
    }

    /** The namespace of a registry key, or null when the key is not one (or names no valid namespace). */
    static String namespaceOf(String key) {
        if (!key.startsWith(PREFIX) || !key.endsWith(SUFFIX) || key.length() <= PREFIX.length() + SUFFIX.length()) {
            return null;
        }
        String namespace = key.substring(PREFIX.length(), key.length() - SUFFIX.length());
        try {
            return FleetKeys.of(namespace).namespace();
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
    }

    /** The namespaces found, sorted; at most {@value #MAX_NAMESPACES}. */
    public List<String> namespaces() {
        return namespaces;
    }

    /** Whether the whole keyspace was scanned, so that {@link #namespaces()} is every namespace there is. */
    public boolean complete() {
        return complete;
    }

    /** Why Redis refused to scan (e.g. {@code NOPERM …}), or null. */
    public String refusal() {
        return refusal;
    }
}
