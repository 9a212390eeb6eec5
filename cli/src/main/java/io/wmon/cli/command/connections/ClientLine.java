package io.wmon.cli.command.connections;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One connection as a line of {@code CLIENT LIST} describes it; fields this view does not use are
 * dropped. Numbers that are missing or unreadable are {@code -1} (0 for the subscription counts).
 *
 * @param id the server's connection id
 * @param name the {@code CLIENT SETNAME} name, {@code ""} when unnamed
 * @param addr the client's {@code ip:port} as the server sees it
 * @param ageSeconds how long the connection has been open
 * @param idleSeconds how long since its last command
 * @param db the selected database
 * @param sub channels it is subscribed to
 * @param psub patterns it is subscribed to
 * @param flags its flags, e.g. {@code N} (normal), {@code P} (Pub/Sub); {@code ""} when missing
 * @param cmd its last command
 */
public record ClientLine(long id, String name, String addr, long ageSeconds, long idleSeconds, int db, int sub,
        int psub, String flags, String cmd) {

    /** Parses one line: {@code key=value} pairs separated by single spaces (names cannot hold spaces). */
    public static ClientLine parse(String line) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : line.trim().split(" ")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return new ClientLine(number(fields.get("id")), fields.getOrDefault("name", ""),
                fields.getOrDefault("addr", ""), number(fields.get("age")), number(fields.get("idle")),
                (int) number(fields.get("db")), (int) Math.max(0, number(fields.get("sub"))),
                (int) Math.max(0, number(fields.get("psub"))), fields.getOrDefault("flags", ""),
                fields.getOrDefault("cmd", ""));
    }

    /** Parses the whole reply, one connection per non-blank line. */
    public static List<ClientLine> parseList(String reply) {
        return reply.lines().filter(line -> !line.isBlank()).map(ClientLine::parse).toList();
    }

    /**
     * Whether the connection is in Pub/Sub mode: subscribed to a channel or a pattern, or flagged {@code P}
     * (a RESP2 client that subscribed, even to nothing left).
     */
    public boolean subscribed() {
        return sub > 0 || psub > 0 || flags.indexOf('P') >= 0;
    }

    /** The address's host part ({@code 10.0.0.5}, {@code ::1}), without the port. */
    public String host() {
        int colon = addr.lastIndexOf(':');
        return colon < 0 ? addr : addr.substring(0, colon);
    }

    /** The address's port, the client's local port; -1 when it cannot be read. */
    public int port() {
        int colon = addr.lastIndexOf(':');
        return colon < 0 ? -1 : (int) number(addr.substring(colon + 1));
    }

    private static long number(String text) {
        if (text == null || text.isEmpty() || text.length() > 18) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return -1;
            }
        }
        return Long.parseLong(text);
    }
}
