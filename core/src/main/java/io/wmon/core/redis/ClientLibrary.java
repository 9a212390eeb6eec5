package io.wmon.core.redis;

import java.util.regex.Pattern;

/**
 * What wmon's connections say about themselves with {@code CLIENT SETINFO} (Redis 7.2 and later):
 * {@code lib-name wmon} and {@code lib-ver <version>}, so that {@code CLIENT LIST} tells wmon's
 * connections from the application's Jedis ones even where names are refused.
 *
 * <p>The version is the {@code Implementation-Version} of the jar these classes were loaded from
 * (the agent's or the CLI's), {@code dev} outside a built jar. Redis accepts no spaces or line breaks
 * in either value, so any other character than {@code A-Z a-z 0-9 . _ - +} becomes {@code _}.
 */
final class ClientLibrary {

    /** The {@code lib-name} of every wmon connection. */
    static final String NAME = "wmon";

    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._+\\-]");
    private static final String VERSION = version(ClientLibrary.class.getPackage().getImplementationVersion());

    private ClientLibrary() {
    }

    /** The {@code lib-ver} of every wmon connection, e.g. {@code 0.1.0-SNAPSHOT}. */
    static String version() {
        return VERSION;
    }

    /** {@code declared} made safe for {@code CLIENT SETINFO}; {@code dev} when missing or blank. */
    static String version(String declared) {
        if (declared == null || declared.trim().isEmpty()) {
            return "dev";
        }
        String trimmed = declared.trim();
        return UNSAFE.matcher(trimmed.length() > 64 ? trimmed.substring(0, 64) : trimmed).replaceAll("_");
    }
}
