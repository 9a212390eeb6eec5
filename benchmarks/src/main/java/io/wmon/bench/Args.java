package io.wmon.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --key value} command-line options, with defaults. */
public final class Args {

    private final Map<String, String> values = new HashMap<>();

    private Args() {
    }

    public static Args parse(String[] args) {
        Args parsed = new Args();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("expected --key value, got: " + args[i]);
            }
            parsed.values.put(args[i].substring(2), args[++i]);
        }
        return parsed;
    }

    public String get(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + key);
        }
        return value;
    }

    public String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    public int integer(String key, int fallback) {
        return values.containsKey(key) ? Integer.parseInt(values.get(key)) : fallback;
    }

    /** A comma-separated list. */
    public List<String> list(String key) {
        return List.of(get(key).split(","));
    }
}
