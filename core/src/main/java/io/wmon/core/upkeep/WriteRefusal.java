package io.wmon.core.upkeep;

import io.wmon.core.redis.RedisEndpoint;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one-line warning for a reader whose ACL refuses a write of the upkeep: it goes on reading. */
final class WriteRefusal {

    /** The command in a {@code NOPERM} reply, as Redis 6 to 7.4 quote it. */
    private static final Pattern COMMAND = Pattern.compile("'([^']+)' command");

    private WriteRefusal() {
    }

    /** Whether {@code error} (a reply's message) is an ACL refusal. */
    static boolean isRefusal(String error) {
        return error != null && error.startsWith("NOPERM");
    }

    /**
     * {@code Redis at … refused SET to user ro (NOPERM); <consequence>; grant it with ACL SETUSER ro +set +xadd +zrem}.
     */
    static String line(RedisEndpoint endpoint, String error, String consequence) {
        String user = endpoint.user() != null ? endpoint.user() : "default";
        Matcher command = COMMAND.matcher(error);
        String what = command.find() ? command.group(1).toUpperCase(Locale.ROOT) : "a command";
        return "Redis at " + endpoint.redacted() + " refused " + what + " to user " + user + " (NOPERM); "
                + consequence + "; grant it with ACL SETUSER " + user + " +set +xadd +zrem";
    }
}
