package io.wmon.agent.config;

import io.wmon.core.redis.RedisEndpoint;

/**
 * Chooses the Redis password: {@code passwordFile}, else {@code WMON_REDIS_PASSWORD}, else the
 * URL's own.
 *
 * <p>A file or an environment variable keeps the secret out of the command line, where {@code ps}
 * and the JVM's input arguments would show it; that is why both outrank the URL.
 */
final class RedisPassword {

    /** Environment variable holding the password. */
    static final String ENV = "WMON_REDIS_PASSWORD";
    /** Largest password file read. */
    static final int MAX_FILE_BYTES = 4096;

    private final String password;
    private final String source;

    private RedisPassword(String password, String source) {
        this.password = password;
        this.source = source;
    }

    /**
     * The password to use.
     *
     * @param passwordFile the {@code passwordFile} setting, or {@code null}
     * @param fromEnv the value of {@link #ENV}, or {@code null}; an empty one counts as unset
     */
    static RedisPassword choose(Setting passwordFile, String fromEnv) {
        if (passwordFile != null) {
            return new RedisPassword(readFile(passwordFile), "passwordFile " + passwordFile.value());
        }
        if (fromEnv != null && !fromEnv.isEmpty()) {
            if (fromEnv.length() > RawOptions.MAX_VALUE_LENGTH) {
                throw new AgentConfigException(ENV + " is too long; use at most " + RawOptions.MAX_VALUE_LENGTH
                        + " characters");
            }
            return new RedisPassword(fromEnv, ENV);
        }
        return new RedisPassword(null, null);
    }

    private static String readFile(Setting passwordFile) {
        String text = SmallFile.read(passwordFile, MAX_FILE_BYTES);
        // Editors and `echo` end the file with a newline that is not part of the password.
        if (text.endsWith("\r\n")) {
            text = text.substring(0, text.length() - 2);
        } else if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty()) {
            throw passwordFile.invalid("is empty", "a file holding the Redis password");
        }
        return text;
    }

    /** {@code endpoint} with this password, or unchanged when the URL's own applies. */
    RedisEndpoint applyTo(RedisEndpoint endpoint) {
        return password == null ? endpoint : endpoint.withPassword(password);
    }

    /** Where the password came from, for the start-up line; never the password. */
    String describe(RedisEndpoint endpoint) {
        if (source != null) {
            return source;
        }
        return endpoint.hasPassword() ? "from redis URL" : "none";
    }
}
