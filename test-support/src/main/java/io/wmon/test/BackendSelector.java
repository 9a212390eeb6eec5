package io.wmon.test;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Decides which Redis server a test class gets, from system properties and the environment.
 *
 * <p>A forced kind wins ({@code wmon.test.redis} / {@code WMON_TEST_REDIS}, or the extension's
 * constructor argument); otherwise the first that applies of: an external server named by
 * {@code wmon.test.redis.url} / {@code REDIS_URL}; a container when a Docker engine answers; the
 * {@code redis-server} on the PATH; the binary shipped in the embedded-redis jar. System
 * properties win over environment variables, since a build sets them on purpose.
 */
final class BackendSelector {

    static final String CONTAINER = "container";
    static final String REDIS_SERVER = "redis-server";
    static final String EMBEDDED = "embedded";
    static final String EXTERNAL = "external";
    static final List<String> KINDS = List.of(CONTAINER, REDIS_SERVER, EMBEDDED, EXTERNAL);

    static final String KIND_PROPERTY = "wmon.test.redis";
    static final String KIND_ENV = "WMON_TEST_REDIS";
    static final String URL_PROPERTY = "wmon.test.redis.url";
    static final String URL_ENV = "REDIS_URL";

    private final UnaryOperator<String> properties;
    private final UnaryOperator<String> environment;

    /** Reads settings through the given lookups, so that tests need not change the real environment. */
    BackendSelector(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        this.properties = properties;
        this.environment = environment;
    }

    /** Reads the JVM's system properties and environment. */
    static BackendSelector fromSystem() {
        return new BackendSelector(System::getProperty, System::getenv);
    }

    /** Returns {@code kind} when it is null or a known kind, else fails naming the known ones. */
    static String checkKind(String kind, String source) {
        if (kind != null && !KINDS.contains(kind)) {
            throw new IllegalArgumentException(source + " is '" + kind + "', expected one of " + KINDS);
        }
        return kind;
    }

    /** The kind to use: {@code forcedKind} when not null, else as configured, else detected. */
    String kind(String forcedKind) {
        if (forcedKind != null) {
            return checkKind(forcedKind, "the forced kind");
        }
        String configured = setting(KIND_PROPERTY, KIND_ENV);
        if (configured != null) {
            return checkKind(configured, KIND_PROPERTY + " / " + KIND_ENV);
        }
        if (externalUrl() != null) {
            return EXTERNAL;
        }
        if (DockerEngine.answers()) {
            return CONTAINER;
        }
        return RedisBinaries.onPath().isPresent() ? REDIS_SERVER : EMBEDDED;
    }

    /** The configured external URL, or null. */
    String externalUrl() {
        return setting(URL_PROPERTY, URL_ENV);
    }

    /** A backend of the chosen kind, not started yet. */
    RedisServerBackend create(String forcedKind) {
        return switch (kind(forcedKind)) {
            case EXTERNAL -> external();
            case CONTAINER -> container();
            case REDIS_SERVER -> new ProcessRedisServer(REDIS_SERVER, RedisBinaries.onPath().orElseThrow(() ->
                    new IllegalStateException("kind 'redis-server' was forced, but none is on the PATH")));
            default -> new ProcessRedisServer(EMBEDDED, RedisBinaries.embedded());
        };
    }

    /**
     * A child-process server with TLS: {@code redis-server} from the PATH unless the embedded binary
     * is forced or configured; never a container or an external server, whose certificates are not ours.
     *
     * @throws org.opentest4j.TestAbortedException when a container or an external server is forced
     */
    RedisServerBackend createProcess(String forcedKind, RedisTls tls) {
        String wanted = forcedKind != null ? forcedKind : setting(KIND_PROPERTY, KIND_ENV);
        org.junit.jupiter.api.Assumptions.assumeTrue(wanted == null || wanted.equals(REDIS_SERVER)
                || wanted.equals(EMBEDDED), "a Redis server with TLS runs as a child process; kind " + wanted
                + " cannot be given the test certificates");
        boolean onPath = RedisBinaries.onPath().isPresent();
        if (REDIS_SERVER.equals(wanted) || wanted == null && onPath) {
            return new ProcessRedisServer(REDIS_SERVER, RedisBinaries.onPath().orElseThrow(() ->
                    new IllegalStateException("kind 'redis-server' was forced, but none is on the PATH")), tls);
        }
        return new ProcessRedisServer(EMBEDDED, RedisBinaries.embedded(), tls);
    }

    private RedisServerBackend external() {
        String url = externalUrl();
        if (url == null) {
            throw new IllegalStateException("kind 'external' needs " + URL_PROPERTY + " or " + URL_ENV);
        }
        return new ExternalRedisServer(url);
    }

    private static RedisServerBackend container() {
        if (!DockerEngine.answers()) {
            throw new IllegalStateException("kind 'container' was forced, but no Docker engine answers");
        }
        return new ContainerRedisServer();
    }

    private String setting(String property, String env) {
        String value = properties.apply(property);
        if (value == null || value.isBlank()) {
            value = environment.apply(env);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }
}
