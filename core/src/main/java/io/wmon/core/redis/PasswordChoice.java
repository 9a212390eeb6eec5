package io.wmon.core.redis;

/**
 * Picks the Redis password in the one order every wmon tool follows: a password file, else the
 * password written in the URL, else {@value #ENV_VAR}.
 *
 * <p>A file is how a secret stays out of command lines and environments, so naming one wins. A
 * password written in the URL was written for that URL, so it wins over the environment variable,
 * which a shell or a container template may pass on to every process. The agent calls this with
 * its {@code passwordFile} option, the CLI with {@code --password-file}.
 */
public final class PasswordChoice {

    /** The environment variable that supplies a password the URL does not carry. */
    public static final String ENV_VAR = "WMON_REDIS_PASSWORD";

    /** Where the chosen password came from. */
    public enum Source {
        FILE,
        URL,
        ENVIRONMENT,
        NONE
    }

    private final RedisEndpoint endpoint;
    private final Source source;
    private final String fileName;

    private PasswordChoice(RedisEndpoint endpoint, Source source, String fileName) {
        this.endpoint = endpoint;
        this.source = source;
        this.fileName = fileName;
    }

    /**
     * Chooses the password for {@code url}.
     *
     * @param url the endpoint as parsed, with the URL's own password if it has one
     * @param fileName how the password file was named, e.g. {@code passwordFile /run/secrets/redis};
     *     shown by {@link #describe()}; {@code null} when no file is configured
     * @param fromFile the password read from that file; {@code null} when no file is configured
     * @param fromEnvironment the value of {@value #ENV_VAR}, or {@code null}; an empty one counts as unset
     */
    public static PasswordChoice choose(RedisEndpoint url, String fileName, String fromFile, String fromEnvironment) {
        if (fromFile != null) {
            return new PasswordChoice(url.withPassword(fromFile), Source.FILE, fileName);
        }
        if (url.hasPassword()) {
            return new PasswordChoice(url, Source.URL, null);
        }
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return new PasswordChoice(url.withPassword(fromEnvironment), Source.ENVIRONMENT, null);
        }
        return new PasswordChoice(url, Source.NONE, null);
    }

    /** The endpoint with the chosen password (never printed: use {@link RedisEndpoint#redacted()}). */
    public RedisEndpoint endpoint() {
        return endpoint;
    }

    public Source source() {
        return source;
    }

    /**
     * Where the password came from, never the password: {@code from passwordFile /run/secrets/redis},
     * {@code from the URL}, {@code from WMON_REDIS_PASSWORD} or {@code none}.
     */
    public String describe() {
        switch (source) {
            case FILE:
                return "from " + fileName;
            case URL:
                return "from the URL";
            case ENVIRONMENT:
                return "from " + ENV_VAR;
            default:
                return "none";
        }
    }
}
