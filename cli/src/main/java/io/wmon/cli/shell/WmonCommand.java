package io.wmon.cli.shell;

import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.redis.InvalidEndpointException;
import io.wmon.core.redis.PasswordChoice;
import io.wmon.core.redis.RedisEndpoint;
import io.wmon.core.redis.RedisTopology;
import io.wmon.core.redis.SentinelPassword;
import io.wmon.core.redis.SentinelUser;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The root command: global options shared by every subcommand.
 *
 * <p>{@code --redis} falls back to {@code WMON_REDIS_URL}, then {@code redis://localhost:6379};
 * {@code --namespace} to {@code WMON_NAMESPACE}, then {@code default}. Both may be given before or
 * after the subcommand name. {@code --password-file} only before it, since {@code jmx} has a
 * {@code --password-file} of its own (for JMX); the Redis password is chosen in the agent's order
 * ({@link PasswordChoice}): that file, else the URL's own password, else {@code WMON_REDIS_PASSWORD}.
 * The sentinels' own password, for a {@code redis-sentinel://} URL ({@link SentinelPassword}):
 * {@code --sentinel-password-file}, else {@code WMON_SENTINEL_PASSWORD}; their ACL user ({@link SentinelUser}):
 * {@code --sentinel-user}, else {@code WMON_SENTINEL_USER}.
 */
// scope = INHERIT: every subcommand gets -h/--help and -V/--version too.
@Command(name = "wmon", mixinStandardHelpOptions = true, versionProvider = WmonVersion.class,
        scope = ScopeType.INHERIT,
        description = "Monitor a fleet of Redis-coordinated JVM workers without exhausting Redis.",
        subcommands = {
            // Subcommands are added in Wmon.commandLine(), one class each in io.wmon.cli.command.
        })
public class WmonCommand implements Runnable {

    @Spec
    CommandSpec spec;
    @Mixin
    TlsOptions tls; // --tls-trust-store, --tls-key-store and their password files

    @Option(names = {"-r", "--redis"}, paramLabel = "URL", scope = ScopeType.INHERIT,
            defaultValue = "${env:WMON_REDIS_URL:-redis://localhost:6379}",
            description = "Redis URL (default: $WMON_REDIS_URL or redis://localhost:6379).")
    String redisUrl;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", scope = ScopeType.INHERIT,
            defaultValue = "${env:WMON_NAMESPACE:-default}",
            description = "Fleet namespace (default: $WMON_NAMESPACE or default; for demo: demo).")
    String namespace;

    // Not inherited: jmx has its own --password-file, for the JMX password.
    @Option(names = "--password-file", paramLabel = "FILE", scope = ScopeType.LOCAL,
            description = {"File holding the Redis password (UTF-8, one trailing newline removed, at most 4 KiB); "
                + "wins over a password in the URL and $WMON_REDIS_PASSWORD. Give it before the command.",
                "Redis's password, not JMX's: that is jmx --password-file."})
    Path passwordFile;

    @Option(names = "--sentinel-password-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = {"File holding the sentinels' own password (their requirepass; UTF-8, one trailing newline "
                + "removed, at most 4 KiB), for a redis-sentinel:// URL; wins over $WMON_SENTINEL_PASSWORD.",
                "The master's password is the URL's, --password-file's or $WMON_REDIS_PASSWORD."})
    Path sentinelPasswordFile;

    @Option(names = "--sentinel-user", paramLabel = "USER", scope = ScopeType.INHERIT,
            description = {"The sentinels' ACL user that their password is for (AUTH user password), for a "
                + "redis-sentinel:// URL; wins over $WMON_SENTINEL_USER. Without it the sentinels' default user."})
    String sentinelUser;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces with errors.")
    boolean verbose;

    private RedisEndpoint endpoint;

    /** {@code wmon} without a command is a usage error: it names the commands instead of printing the help. */
    @Override
    public void run() {
        throw UsageError.misuse(spec.commandLine(), "missing command: give one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    /**
     * The Redis endpoint with the password chosen in the agent's order: {@code --password-file}, else
     * the URL's own, else {@code WMON_REDIS_PASSWORD}; for Sentinel, the sentinels' password as well
     * ({@link SentinelPassword}). A bad URL, an unusable password file or a sentinel password file for
     * a URL that is no Sentinel one is a usage error (exit 2) naming what is wrong; each file is read
     * once per run.
     */
    public RedisEndpoint endpoint() {
        if (endpoint == null) {
            RedisEndpoint url;
            try {
                url = RedisEndpoint.parse(redisUrl);
            } catch (InvalidEndpointException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            }
            String fromFile = passwordFile == null ? null : RedisPasswordFile.read(passwordFile, spec.commandLine());
            String fileName = passwordFile == null ? null : "--password-file " + passwordFile;
            RedisEndpoint chosen = PasswordChoice.choose(url, fileName, fromFile, System.getenv(PasswordChoice.ENV_VAR))
                    .endpoint();
            endpoint = tls.applyTo(withSentinelPassword(chosen), spec.commandLine());
        }
        return endpoint;
    }

    private RedisEndpoint withSentinelPassword(RedisEndpoint url) {
        String flag = "--sentinel-password-file";
        String fromFile = null;
        if (sentinelPasswordFile != null) {
            if (url.topology() != RedisTopology.SENTINEL) {
                throw new ParameterException(spec.commandLine(), flag + " is given, but " + url.redacted()
                        + " is no Redis Sentinel URL; the sentinels' password goes with redis-sentinel://host:26379/<master>");
            }
            fromFile = RedisPasswordFile.read(sentinelPasswordFile, flag, "the sentinels' password", spec.commandLine());
        }
        String fileName = sentinelPasswordFile == null ? null : flag + " " + sentinelPasswordFile;
        RedisEndpoint withPassword = SentinelPassword.apply(url, fileName, fromFile, System.getenv(SentinelPassword.ENV_VAR));
        try {
            return SentinelUser.apply(withPassword, "--sentinel-user", sentinelUser, System.getenv(SentinelUser.ENV_VAR),
                    flag + " or " + SentinelPassword.ENV_VAR);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** The namespace's keys; a bad namespace is a usage error naming the accepted form. */
    public FleetKeys keys() {
        try {
            return FleetKeys.of(namespace);
        } catch (IllegalArgumentException e) {
            // FleetKeys.of documents this exception for a namespace out of its accepted form, and nothing else.
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    public String namespace() {
        return namespace;
    }

    public boolean verbose() {
        return verbose;
    }
}
