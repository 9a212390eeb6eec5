package io.wmon.agent.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The option string: {@code key=value} pairs separated by commas, split into checked pairs.
 *
 * <p>One rule carries a comma inside a value: {@code \,} is a literal comma and {@code \\} a
 * literal backslash; a backslash before any other character, or at the very end, is kept as it is,
 * so {@code C:\wmon\pw} needs no doubling. Thus {@code redis=redis-sentinel://h1:26379\,h2:26379/m}
 * and {@code redis=redis://:pa\,ss@h}. Whitespace around keys and values is trimmed; empty
 * segments ({@code ,,}, a leading or trailing comma) are skipped, because scripts glue option
 * strings together ({@code $BASE,fleet=true}); a segment without {@code =} is an error. The
 * config file and the environment have no such escapes: their values are taken whole, and
 * checked like these.
 */
final class OptionString {

    /** Longest accepted value; far above any URL, path or number wmon needs. */
    static final int MAX_VALUE_LENGTH = 1024;

    private static final String COMMA_HINT = "a comma inside a value as \\,";

    private OptionString() {
    }

    /** The checked pairs of {@code agentArgs} ({@code null} or blank: none), in {@link OptionKey} order. */
    static Map<OptionKey, String> parse(String agentArgs) {
        Map<OptionKey, String> options = new EnumMap<>(OptionKey.class);
        if (agentArgs == null) {
            return options;
        }
        // Text right after redis= may be the rest of a password whose comma was not escaped: never shown.
        boolean afterRedis = false;
        for (String segment : segments(agentArgs)) {
            if (segment.trim().isEmpty()) {
                continue;
            }
            int eq = segment.indexOf('=');
            if (eq < 0 && afterRedis) {
                throw new AgentConfigException("an option after redis= has no '=' (not shown: it may be part of "
                        + "the URL); write key=value, and " + COMMA_HINT);
            }
            if (eq < 0) {
                throw new AgentConfigException("option " + ShownValue.quoted(OptionKey.REDIS, segment.trim())
                        + " has no '='; write key=value, and " + COMMA_HINT);
            }
            String key = segment.substring(0, eq).trim();
            if (afterRedis && OptionKey.lookup(key) == null && OptionKey.closest(key) == null) {
                throw new AgentConfigException("an option after redis= has an unknown key (not shown: it may be "
                        + "part of the URL); known keys: " + OptionKey.known() + "; write " + COMMA_HINT);
            }
            afterRedis = put(options, key, segment.substring(eq + 1), "") == OptionKey.REDIS;
        }
        return options;
    }

    /** {@code agentArgs} split on the commas that are not escaped, with the escapes resolved. */
    static List<String> segments(String agentArgs) {
        List<String> segments = new ArrayList<>();
        StringBuilder segment = new StringBuilder();
        for (int i = 0; i < agentArgs.length(); i++) {
            char c = agentArgs.charAt(i);
            char next = i + 1 < agentArgs.length() ? agentArgs.charAt(i + 1) : 0;
            if (c == '\\' && (next == ',' || next == '\\')) {
                segment.append(next);
                i++;
            } else if (c == ',') {
                segments.add(segment.toString());
                segment.setLength(0);
            } else {
                segment.append(c);
            }
        }
        segments.add(segment.toString());
        return segments;
    }

    /**
     * Checks one pair and adds it to {@code into}: a known key, given once, with a {@link #value}.
     * Shared with the config file, so that both accept the same.
     *
     * @param where appended to an error: empty for the option string, else e.g. {@code " (in config file F)"}
     * @return the key
     */
    static OptionKey put(Map<OptionKey, String> into, String rawKey, String rawValue, String where) {
        String name = rawKey.trim();
        if (name.isEmpty()) {
            throw new AgentConfigException("an option has nothing before '='; write key=value" + where);
        }
        OptionKey key = OptionKey.lookup(name);
        if (key == null) {
            OptionKey closest = OptionKey.closest(name);
            throw new AgentConfigException("unknown key '" + ShownValue.text(name) + "'; "
                    + (closest != null ? "did you mean " + closest.key() + "?" : "known keys: " + OptionKey.known())
                    + where);
        }
        if (into.containsKey(key)) {
            throw new AgentConfigException(key.key() + " is given twice; give each key once" + where);
        }
        into.put(key, value(key, rawValue, where));
        return key;
    }

    /** {@code rawValue} trimmed, checked to hold 1 to {@value #MAX_VALUE_LENGTH} characters; also for the environment. */
    static String value(OptionKey key, String rawValue, String where) {
        String value = rawValue.trim();
        if (value.isEmpty()) {
            throw new AgentConfigException(key.key() + " has an empty value; give a value or leave the key out" + where);
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new AgentConfigException(key.key() + "=" + ShownValue.quoted(key, value) + " is too long; use at most "
                    + MAX_VALUE_LENGTH + " characters" + where);
        }
        return value;
    }
}
