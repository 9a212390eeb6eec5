package io.wmon.cli.fleetview;

import io.wmon.cli.text.SafeText;
import io.wmon.core.fleet.FleetKeys;

/**
 * A worker-id pattern of {@code status --id}: {@code *} matches any run of characters (also none),
 * {@code ?} exactly one; everything else matches itself, case-sensitively, as ids are compared.
 * Matching allocates nothing, so a pattern costs little over a fleet of 10,000.
 */
public final class IdGlob {

    /** The accepted form, for error messages. */
    public static final String FORM = "a worker id with * (any characters) and ? (one character), e.g. 'api-*'";

    private final String pattern;

    private IdGlob(String pattern) {
        this.pattern = pattern;
    }

    /**
     * Parses {@code pattern}.
     *
     * @throws IllegalArgumentException when it is empty or holds a character no worker id can hold
     */
    public static IdGlob of(String pattern) {
        boolean usable = !pattern.isEmpty();
        for (int i = 0; usable && i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            usable = c == '*' || c == '?' || FleetKeys.isValidWorkerId(String.valueOf(c));
        }
        if (!usable) {
            throw new IllegalArgumentException("'" + SafeText.escape(pattern, 80) + "' is not " + FORM + " (ids hold "
                    + FleetKeys.WORKER_ID_FORM + ")");
        }
        return new IdGlob(pattern);
    }

    /** Whether {@code id} matches the whole pattern. */
    public boolean matches(String id) {
        int p = 0;
        int s = 0;
        int star = -1;
        int resume = 0;
        while (s < id.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == id.charAt(s))) {
                p++;
                s++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = s;
            } else if (star >= 0) {
                p = star + 1;
                s = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
