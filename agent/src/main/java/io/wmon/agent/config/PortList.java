package io.wmon.agent.config;

import java.util.Collections;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * A list of TCP ports written {@code 6379+6380}.
 *
 * <p>{@code +} separates the ports because {@code ,} already separates options, and because,
 * unlike {@code ;}, it needs no quoting in a shell command line.
 */
final class PortList {

    /** The separator between ports. */
    static final String SEPARATOR = "+";
    /** The accepted form, as shown in error messages. */
    static final String FORM = "e.g. 6379+6380 (ports 1..65535 joined with '+')";
    /** More ports than this is a mistake, not a census. */
    static final int MAX_PORTS = 64;

    private PortList() {
    }

    /**
     * The ports listed in {@code text}, sorted, duplicates merged; spaces around a port are ignored.
     *
     * @throws IllegalArgumentException with a short reason (no value) when {@code text} is not such a list
     */
    static Set<Integer> parse(String text) {
        String[] parts = text.split("\\+", -1);
        if (parts.length > MAX_PORTS) {
            throw new IllegalArgumentException("lists more than " + MAX_PORTS + " ports");
        }
        Set<Integer> ports = new TreeSet<>();
        for (String part : parts) {
            String port = part.trim();
            if (port.isEmpty()) {
                throw new IllegalArgumentException("has an empty entry");
            }
            if (!port.matches("[0-9]+")) {
                throw new IllegalArgumentException("is not a list of ports");
            }
            int n = port.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(port);
            if (n < 1 || n > 65_535) {
                throw new IllegalArgumentException("has a port out of range");
            }
            ports.add(n);
        }
        return Collections.unmodifiableSet(ports);
    }

    /** {@code ports} written as they are parsed, e.g. {@code 6379+6380}. */
    static String format(Set<Integer> ports) {
        StringJoiner joiner = new StringJoiner(SEPARATOR);
        for (Integer port : ports) {
            joiner.add(port.toString());
        }
        return joiner.toString();
    }
}
