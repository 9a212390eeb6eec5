package io.wmon.agent.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Splits the option string into checked key-value pairs; converting values is left to
 * {@link Setting}.
 *
 * <p>The syntax is {@code key=value} pairs separated by {@code ,}:
 * <ul>
 *   <li>Whitespace around keys and values is trimmed, so {@code redis=…, namespace=prod} works.</li>
 *   <li>Empty segments are skipped ({@code a=1,,b=2}, a leading or trailing comma): option strings
 *       are often glued together by scripts ({@code $BASE,fleet=true}) and an empty part means
 *       nothing.</li>
 *   <li>A segment without {@code =} that follows {@code redis=} and holds {@code :}, {@code /} or
 *       {@code @} belongs to the URL, so that multi-host URLs
 *       ({@code redis-sentinel://h1:26379,h2:26379/m}) and a comma in a password survive; any other
 *       segment without {@code =} is an error. A password with {@code ,} followed by {@code =} must
 *       be percent-encoded ({@code %2C}), or better given by {@code passwordFile}.</li>
 *   <li>Unknown keys, keys given twice, empty values and values longer than
 *       {@value #MAX_VALUE_LENGTH} characters are errors.</li>
 * </ul>
 */
final class RawOptions {

    /** Longest accepted value; far above any URL, path or number wmon needs. */
    static final int MAX_VALUE_LENGTH = 1024;

    private RawOptions() {
    }

    /** The pairs of {@code agentArgs} ({@code null} or blank: none), in {@link OptionKey} order. */
    static Map<OptionKey, String> parse(String agentArgs) {
        Map<OptionKey, String> options = new EnumMap<>(OptionKey.class);
        if (agentArgs == null) {
            return options;
        }
        for (String[] pair : split(agentArgs)) {
            put(options, pair[0], pair[1], Origin.OPTIONS);
        }
        return options;
    }

    private static List<String[]> split(String agentArgs) {
        List<String[]> pairs = new ArrayList<>();
        String[] previous = null;
        for (String segment : agentArgs.split(",", -1)) {
            if (segment.trim().isEmpty()) {
                previous = null;
                continue;
            }
            int eq = segment.indexOf('=');
            boolean afterRedis = previous != null && previous[0].trim().equals(OptionKey.REDIS.key());
            if (eq < 0 && afterRedis && looksLikeUrlPart(segment)) {
                if (previous[1].length() <= MAX_VALUE_LENGTH) { // already too long: stop copying, put() rejects it
                    previous[1] = previous[1] + "," + segment;
                }
            } else if (eq < 0 && afterRedis) {
                // Not shown: it may be the middle of a password that held commas.
                throw new AgentConfigException("an option after redis= has no '='; write key=value, and a ',' "
                        + "inside the URL as %2C");
            } else if (eq < 0) {
                throw new AgentConfigException("option " + ShownValue.quoted(OptionKey.REDIS, segment.trim())
                        + " has no '='; write key=value, separating options with ','");
            } else {
                previous = new String[] {segment.substring(0, eq), segment.substring(eq + 1)};
                pairs.add(previous);
            }
        }
        return pairs;
    }

    /** Whether a segment without '=' after redis= is more of the URL: another host:port, or a password's tail. */
    private static boolean looksLikeUrlPart(String segment) {
        return segment.indexOf(':') >= 0 || segment.indexOf('/') >= 0 || segment.indexOf('@') >= 0;
    }

    /**
     * Checks one pair and adds it to {@code into}; shared with the config file so that both accept
     * the same keys and values.
     *
     * @return the key
     */
    static OptionKey put(Map<OptionKey, String> into, String rawKey, String rawValue, Origin origin) {
        OptionKey key = checkedKey(rawKey.trim(), origin);
        if (into.containsKey(key)) {
            throw new AgentConfigException(key.key() + " is given twice; give each key once" + origin.suffix());
        }
        String value = rawValue.trim();
        if (value.isEmpty()) {
            throw new AgentConfigException(key.key() + " has an empty value; give a value or leave the key out"
                    + origin.suffix());
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new AgentConfigException(key.key() + "=" + ShownValue.quoted(key, value)
                    + " is too long; use at most " + MAX_VALUE_LENGTH + " characters" + origin.suffix());
        }
        into.put(key, value);
        return key;
    }

    private static OptionKey checkedKey(String key, Origin origin) {
        if (key.isEmpty()) {
            throw new AgentConfigException("an option has nothing before '='; write key=value" + origin.suffix());
        }
        OptionKey known = OptionKey.lookup(key);
        if (known != null) {
            return known;
        }
        OptionKey closest = OptionKey.closest(key);
        String hint = closest != null ? "did you mean " + closest.key() + "?" : "known keys: " + knownKeys();
        throw new AgentConfigException("unknown key '" + ShownValue.text(key) + "'; " + hint + origin.suffix());
    }

    private static String knownKeys() {
        StringJoiner joiner = new StringJoiner(", ");
        for (OptionKey k : OptionKey.values()) {
            joiner.add(k.key());
        }
        return joiner.toString();
    }
}
