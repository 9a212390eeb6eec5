package io.wmon.test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One connection as listed by {@code CLIENT LIST}.
 *
 * @param id     the server's connection id
 * @param name   the name set with {@code CLIENT SETNAME}, empty when unnamed
 * @param addr   the client's address, {@code ip:port}
 * @param laddr  the server-side address the client connected to (empty before Redis 6.2)
 * @param cmd    the last command the connection ran
 * @param sub    channels the connection is subscribed to
 * @param psub   patterns the connection is subscribed to
 * @param fields every field of the line, including those above, in server order
 */
public record ClientInfo(long id, String name, String addr, String laddr, String cmd, int sub, int psub,
        Map<String, String> fields) {

    public ClientInfo {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** Parses one line of {@code CLIENT LIST}: {@code key=value} pairs separated by spaces. */
    public static ClientInfo parse(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : line.trim().split(" ")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return new ClientInfo(
                Long.parseLong(fields.getOrDefault("id", "-1")),
                fields.getOrDefault("name", ""),
                fields.getOrDefault("addr", ""),
                fields.getOrDefault("laddr", ""),
                fields.getOrDefault("cmd", ""),
                Integer.parseInt(fields.getOrDefault("sub", "0")),
                Integer.parseInt(fields.getOrDefault("psub", "0")),
                fields);
    }

    /** Parses the whole reply of {@code CLIENT LIST}, one connection a line. */
    public static List<ClientInfo> parseList(String clientList) {
        List<ClientInfo> clients = new ArrayList<>();
        for (String line : clientList.split("\\R")) {
            if (!line.isBlank()) {
                clients.add(parse(line));
            }
        }
        return clients;
    }
}
