package io.wmon.test;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads per-command call counts out of {@code INFO commandstats}, leaving out the commands that
 * the probe and connection set-up send, so that a delta taken around some code counts exactly
 * the commands that code sent.
 *
 * <p>Left out: {@code info}, {@code ping}, {@code select}, {@code hello}, {@code auth},
 * {@code flushall} (sent by {@link RedisServerExtension#flushAll()}), and every {@code client}
 * and {@code config} command. Redis 7 names subcommands ({@code client|setname}); Redis 6.2
 * counts them under the container command ({@code client}); both are recognised.
 */
final class CommandStats {

    private static final Pattern LINE = Pattern.compile("^cmdstat_([^:]+):.*?\\bcalls=(\\d+)", Pattern.MULTILINE);
    private static final Set<String> EXCLUDED =
            Set.of("info", "ping", "select", "hello", "auth", "flushall", "client", "config");

    private CommandStats() {
    }

    /** Command name (lower case, {@code container|sub} for subcommands) to calls, sorted by name. */
    static Map<String, Long> parse(String infoCommandstats) {
        Map<String, Long> calls = new TreeMap<>();
        Matcher matcher = LINE.matcher(infoCommandstats);
        while (matcher.find()) {
            String command = matcher.group(1).toLowerCase(Locale.ROOT);
            if (!isExcluded(command)) {
                calls.put(command, Long.parseLong(matcher.group(2)));
            }
        }
        return Collections.unmodifiableMap(calls);
    }

    /** True for the commands that probes and connection set-up send. */
    static boolean isExcluded(String command) {
        return EXCLUDED.contains(command) || command.startsWith("client|") || command.startsWith("config|");
    }
}
