package io.wmon.agent.config;

import io.wmon.core.fleet.FleetKeys;
import java.util.Map;

/**
 * The worker id used when none is configured: {@code <hostname>-<pid>}, made to fit
 * {@link FleetKeys#WORKER_ID_FORM}.
 *
 * <p>The host name is {@link HostName}'s. Characters outside the id form become {@code -}; the host
 * name is cut so that the pid, which tells two workers on one host apart, always survives.
 */
final class DefaultWorkerId {

    private static final int MAX_ID_LENGTH = 128;

    private DefaultWorkerId() {
    }

    static String of(Map<String, String> env) {
        return sanitize(HostName.of(env), ProcessHandle.current().pid());
    }

    static String sanitize(String host, long pid) {
        String suffix = "-" + pid;
        String trimmed = host == null ? "" : host.trim();
        StringBuilder cleaned = new StringBuilder(trimmed.length());
        for (int i = 0; i < trimmed.length(); i += Character.charCount(trimmed.codePointAt(i))) {
            int c = trimmed.codePointAt(i);
            boolean allowed = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || "._:@-".indexOf(c) >= 0;
            cleaned.append(allowed ? (char) c : '-');
        }
        if (cleaned.length() == 0) {
            cleaned.append("unknown-host");
        }
        cleaned.setLength(Math.min(cleaned.length(), MAX_ID_LENGTH - suffix.length()));
        return FleetKeys.checkWorkerId(cleaned + suffix);
    }
}
