package io.wmon.cli.shell;

import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.redis.InvalidEndpointException;
import io.wmon.core.redis.RedisEndpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The root command: global options shared by every subcommand.
 *
 * <p>{@code --redis} falls back to {@code WMON_REDIS_URL}, then {@code redis://localhost:6379};
 * {@code --namespace} to {@code WMON_NAMESPACE}, then {@code default}. Both may be given before or
 * after the subcommand name.
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
    @picocli.CommandLine.Mixin TlsOptions tls; // --tls-trust-store, --tls-key-store and their password files

    @Option(names = {"-r", "--redis"}, paramLabel = "URL", scope = ScopeType.INHERIT,
            defaultValue = "${env:WMON_REDIS_URL:-redis://localhost:6379}",
            description = "Redis URL (default: $WMON_REDIS_URL or redis://localhost:6379).")
    String redisUrl;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", scope = ScopeType.INHERIT,
            defaultValue = "${env:WMON_NAMESPACE:-default}",
            description = "Fleet namespace (default: $WMON_NAMESPACE or default).")
    String namespace;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces with errors.")
    boolean verbose;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** The parsed Redis endpoint; a bad URL is a usage error (exit 2) naming the accepted forms. */
    public RedisEndpoint endpoint() {
        RedisEndpoint endpoint;
        try {
            endpoint = RedisEndpoint.parse(redisUrl);
        } catch (InvalidEndpointException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        String password = System.getenv("WMON_REDIS_PASSWORD");
        return tls.applyTo(password == null || password.isEmpty() || endpoint.hasPassword() ? endpoint
                : endpoint.withPassword(password), spec.commandLine());
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
