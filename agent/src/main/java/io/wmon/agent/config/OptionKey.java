package io.wmon.agent.config;

import java.util.Locale;
import java.util.StringJoiner;

/**
 * The keys of the agent's options, as written in the option string and the config file (case-sensitive).
 *
 * <p>Some keys are accepted and checked before the feature they configure exists, so that a
 * configuration written for a later version does not disable this one; {@link #inEffect()} tells them apart.
 */
enum OptionKey {
    REDIS("redis", "WMON_REDIS_URL", true),
    NAMESPACE("namespace", "WMON_NAMESPACE", true),
    ID("id", "WMON_ID", true),
    INTERVAL("interval", null, true),
    POOL_MAX_TOTAL("poolMaxTotal", null, true),
    FLEET("fleet", null, true),
    PASSWORD_FILE("passwordFile", null, true),
    SENTINEL_PASSWORD_FILE("sentinelPasswordFile", null, true),
    SENTINEL_USER("sentinelUser", null, true),
    TLS_TRUST_STORE("tlsTrustStore", null, true),
    TLS_TRUST_STORE_PASSWORD_FILE("tlsTrustStorePasswordFile", null, true),
    TLS_KEY_STORE("tlsKeyStore", null, true),
    TLS_KEY_STORE_PASSWORD_FILE("tlsKeyStorePasswordFile", null, true),
    LEAK_THRESHOLD("leakThreshold", null, true),
    REDIS_PORTS("redisPorts", null, true),
    CONFIG("config", null, true),
    MODE("mode", null, true);

    private final String key;
    private final String envVar;
    private final boolean inEffect;

    OptionKey(String key, String envVar, boolean inEffect) {
        this.key = key;
        this.envVar = envVar;
        this.inEffect = inEffect;
    }

    /** The key as written, e.g. {@code poolMaxTotal}. */
    String key() {
        return key;
    }

    /** The environment variable that may supply this key, or {@code null}. */
    String envVar() {
        return envVar;
    }

    /** Whether this version does anything with the key's value (the Fleet MBean comes later). */
    boolean inEffect() {
        return inEffect;
    }

    /** Every key, comma-separated, for an error message. */
    static String known() {
        StringJoiner joiner = new StringJoiner(", ");
        for (OptionKey k : values()) {
            joiner.add(k.key);
        }
        return joiner.toString();
    }

    /** The key spelled exactly {@code text}, or {@code null}. */
    static OptionKey lookup(String text) {
        for (OptionKey k : values()) {
            if (k.key.equals(text)) {
                return k;
            }
        }
        return null;
    }

    /**
     * The known key {@code text} was probably meant to be, or {@code null}: the same key in another
     * case; else one at most two typing mistakes away ({@code namepsace}); else one it starts or
     * that starts it ({@code password} for {@code passwordFile}, {@code configFile} for {@code config}).
     */
    static OptionKey closest(String text) {
        String typed = text.toLowerCase(Locale.ROOT);
        OptionKey nearest = null;
        int nearestDistance = Integer.MAX_VALUE;
        OptionKey related = null;
        for (OptionKey k : values()) {
            String candidate = k.key.toLowerCase(Locale.ROOT);
            if (candidate.equals(typed)) {
                return k;
            }
            int distance = distance(typed, candidate);
            if (distance < nearestDistance) {
                nearestDistance = distance;
                nearest = k;
            }
            boolean prefix = typed.length() >= 4 && candidate.startsWith(typed)
                    || candidate.length() >= 4 && typed.startsWith(candidate);
            if (prefix && (related == null || candidate.length() > related.key.length())) {
                related = k;
            }
        }
        return nearestDistance <= 2 && nearestDistance < typed.length() ? nearest : related;
    }

    /** Edit distance counting a swap of two neighbours as one mistake; keys are short, so O(n·m) is fine. */
    private static int distance(String a, String b) {
        if (a.length() > 64) {
            return Integer.MAX_VALUE;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
