package io.wmon.agent.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * This machine's host name, as the agent shows it in the default worker id and in the record.
 *
 * <p>{@code HOSTNAME} (or {@code COMPUTERNAME}) when set, as in containers, and only otherwise
 * {@link InetAddress}, whose lookup can stall on a badly configured resolver.
 */
public final class HostName {

    private HostName() {
    }

    /** The host name, or {@code null} when none can be found. */
    public static String of(Map<String, String> env) {
        for (String variable : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
            String value = env.get(variable);
            if (value != null && !value.trim().isEmpty()) {
                return value.trim();
            }
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }
}
