package io.wmon.core.redis;

/**
 * Picks the sentinels' own password ({@code requirepass} in sentinel.conf), in the one order every wmon
 * tool follows: a file, else {@value #ENV_VAR}. It is not the master's password, which the URL carries
 * ({@link PasswordChoice}): deployments commonly give the sentinels another one, or none.
 *
 * <p>The agent calls this with its {@code sentinelPasswordFile} option, the CLI with
 * {@code --sentinel-password-file}. A file named for a URL that is no {@code redis-sentinel://} one is a
 * mistake; the environment variable is then ignored, since a shell or a container template may pass it
 * to every process.
 */
public final class SentinelPassword {

    /** The environment variable that supplies the sentinels' password when no file is named. */
    public static final String ENV_VAR = "WMON_SENTINEL_PASSWORD";

    private SentinelPassword() {
    }

    /**
     * {@code endpoint} with the sentinels' password chosen, or unchanged when none is.
     *
     * @param fileName how the file was named, e.g. {@code --sentinel-password-file /run/secrets/sentinel};
     *     {@code null} when none is configured
     * @param fromFile the password read from that file; {@code null} when none is configured
     * @param fromEnvironment the value of {@value #ENV_VAR}, or {@code null}; an empty one counts as unset
     * @throws IllegalArgumentException when a file is named but {@code endpoint} is no Sentinel endpoint
     */
    public static RedisEndpoint apply(RedisEndpoint endpoint, String fileName, String fromFile, String fromEnvironment) {
        boolean sentinel = endpoint.topology() == RedisTopology.SENTINEL;
        if (fromFile != null) {
            if (!sentinel) {
                throw new IllegalArgumentException(fileName + " is given, but " + endpoint.redacted()
                        + " is no Redis Sentinel URL (redis-sentinel://host:26379/<master>)");
            }
            return endpoint.withSentinelPassword(fromFile);
        }
        if (sentinel && fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return endpoint.withSentinelPassword(fromEnvironment);
        }
        return endpoint;
    }
}
