package io.wmon.cli.shell;

import io.wmon.core.redis.RedisUnavailableException;
import io.wmon.core.redis.RedisUnavailableException.Reason;

/**
 * What the CLI says and returns when Redis cannot be used: the exception's one-line message (core
 * names the cause), then where to act, and the exit code of its {@link Reason}.
 *
 * <p>A database the server does not have is a mistake in {@code --redis}, so a usage error (exit 2);
 * every other reason means the target cannot be used as given, exit 3.
 */
public final class RedisFailureLine {

    private RedisFailureLine() {
    }

    /** The exit code for {@code e}: {@link ExitCodes#USAGE} or {@link ExitCodes#UNREACHABLE}. */
    public static int exitCode(RedisUnavailableException e) {
        return e.reason() == Reason.NO_SUCH_DATABASE || e.reason() == Reason.NO_SUCH_MASTER
                ? ExitCodes.USAGE : ExitCodes.UNREACHABLE;
    }

    /** The diagnostic without {@code wmon: }: core's message and what to do about it. */
    public static String line(RedisUnavailableException e) {
        return e.getMessage() + hint(e.reason());
    }

    private static String hint(Reason reason) {
        switch (reason) {
            case UNREACHABLE:
                return "; is it running? set --redis or WMON_REDIS_URL";
            case NOT_REDIS:
                return "; is the port right? set --redis or WMON_REDIS_URL";
            case CREDENTIALS_REFUSED:
                return "; give the password in the URL (redis://user:password@host), in WMON_REDIS_PASSWORD, "
                        + "or in a file with wmon --password-file FILE";
            case SENTINEL_CREDENTIALS_REFUSED:
                return "; the sentinels' password (their requirepass) comes from wmon --sentinel-password-file FILE "
                        + "or WMON_SENTINEL_PASSWORD (and their ACL user from --sentinel-user or WMON_SENTINEL_USER),"
                        + " the master's from the URL";
            case MAXCLIENTS_REACHED:
                return "; raise maxclients, or find who holds the connections with wmon connections once one frees up";
            case NO_SUCH_DATABASE:
                return "; use a database below the server's 'databases' setting (16 unless configured), "
                        + "e.g. redis://host:6379/0";
            case NOT_SERVING_NOW:
                return "; it passes by itself (a failover, a resharding or a restart under way): try again shortly";
            case NO_SUCH_MASTER:
                return "; name a master the sentinels monitor (redis-cli -p 26379 SENTINEL MASTERS lists them)";
            default:
                // PERMISSION_DENIED names its grant already; POOL_EXHAUSTED has nothing for the user to do.
                return "";
        }
    }
}
