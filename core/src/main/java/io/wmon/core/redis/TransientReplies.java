package io.wmon.core.redis;

/**
 * Error replies that say "not now" rather than "no": a cluster whose slot is down or moving
 * ({@code CLUSTERDOWN}, {@code TRYAGAIN}, {@code MOVED}, {@code ASK}), a master demoted by a failover
 * ({@code READONLY}), a server loading its data or without its master ({@code LOADING},
 * {@code MASTERDOWN}). A write that gets one is tried again later, like one that got no reply; it
 * is never counted as refused.
 */
public final class TransientReplies {

    private static final String[] PREFIXES = {"CLUSTERDOWN", "TRYAGAIN", "MOVED ", "ASK ", "READONLY", "LOADING",
        "MASTERDOWN"};

    private TransientReplies() {
    }

    /** Whether {@code error}, an error reply's text, is one of these. */
    public static boolean isTransient(String error) {
        if (error == null) {
            return false;
        }
        for (String prefix : PREFIXES) {
            if (error.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
