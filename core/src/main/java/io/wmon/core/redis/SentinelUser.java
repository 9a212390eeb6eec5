package io.wmon.core.redis;

/**
 * Picks the sentinels' ACL user, the one their password ({@link SentinelPassword}) is for, in the one
 * order every wmon tool follows: an option, else {@value #ENV_VAR}; without either the sentinels are asked
 * as their {@code default} user. Only for a {@code redis-sentinel://} URL, and only with a sentinel
 * password: an ACL user is asked with {@code AUTH user password}.
 *
 * <p>The agent calls this with its {@code sentinelUser} option, the CLI with {@code --sentinel-user}.
 */
public final class SentinelUser {

    /** The environment variable that names the sentinels' ACL user when no option does. */
    public static final String ENV_VAR = "WMON_SENTINEL_USER";
    /** ACL user names are at most this long here: longer is a mistake, not a name. */
    static final int MAX_LENGTH = 128;

    private SentinelUser() {
    }

    /**
     * {@code endpoint} with the sentinels' user chosen, or unchanged when none is.
     *
     * @param optionName how the option is written, e.g. {@code --sentinel-user}
     * @param fromOption the option's value; {@code null} when it is not given
     * @param fromEnvironment the value of {@value #ENV_VAR}, or {@code null}; an empty one counts as unset
     * @param passwordSources where a sentinel password comes from, for the error when there is none
     * @throws IllegalArgumentException when the option is given for a URL that is no Sentinel one, the
     *     name is empty, too long or holds a space, a control or a format character, or no sentinel password is given
     */
    public static RedisEndpoint apply(RedisEndpoint endpoint, String optionName, String fromOption,
            String fromEnvironment, String passwordSources) {
        boolean sentinel = endpoint.topology() == RedisTopology.SENTINEL;
        String source = optionName;
        String user = fromOption;
        if (user == null) {
            if (!sentinel || fromEnvironment == null || fromEnvironment.isEmpty()) {
                return endpoint;
            }
            source = ENV_VAR;
            user = fromEnvironment;
        } else if (!sentinel) {
            throw new IllegalArgumentException(optionName + " is given, but " + endpoint.redacted()
                    + " is no Redis Sentinel URL (redis-sentinel://host:26379/<master>)");
        }
        String problem = problem(user);
        if (problem != null) {
            throw new IllegalArgumentException(source + " " + problem);
        }
        if (!endpoint.hasSentinelPassword()) {
            throw new IllegalArgumentException(source + " names the sentinels' ACL user " + user
                    + ", but no sentinel password is given (" + passwordSources + ")");
        }
        return endpoint.withSentinelUser(user);
    }

    /** Why {@code user} cannot be an ACL user name, or {@code null} when it can. */
    private static String problem(String user) {
        if (user.isEmpty()) {
            return "is empty: name the sentinels' ACL user, or leave it out for their default user";
        }
        if (user.length() > MAX_LENGTH) {
            return "is " + user.length() + " characters long; an ACL user name here is at most " + MAX_LENGTH;
        }
        for (int i = 0; i < user.length(); i++) {
            char c = user.charAt(i);
            // Format characters (a bidi override, a zero-width space) would make the start-up line lie.
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                return "holds a space, a control or a format character (at " + (i + 1) + "); an ACL user name has none";
            }
        }
        return null;
    }
}
