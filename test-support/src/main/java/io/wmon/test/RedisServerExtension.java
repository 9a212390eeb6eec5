package io.wmon.test;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class its own real Redis server on a free port, started before the class's
 * first test and stopped after its last, and lets tests break it on purpose (stop, restart,
 * pause) to check how code copes.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RedisServerExtension REDIS = new RedisServerExtension();
 * }</pre>
 *
 * <p>Which server: a forced kind ({@code wmon.test.redis} / {@code WMON_TEST_REDIS} =
 * {@code container|redis-server|embedded|external}, or the constructor argument), else
 * {@code REDIS_URL} / {@code wmon.test.redis.url} as an external server, else Redis 7 in a
 * container when Docker answers, else {@code redis-server} from the PATH, else the binary in the
 * embedded-redis jar. Fault operations on an external server abort the test (it is reported as
 * skipped): that server is not ours to break.
 *
 * <p>Register it on a static field. {@code @Nested} classes share the enclosing class's server.
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {

    private final String forcedKind;
    /** {@code null} for a server without TLS. */
    private final RedisTls tls;
    private RedisServerBackend backend;
    private RedisProbe probe;
    /** Classes currently using the server: the registering class and its running {@code @Nested} classes. */
    private int scopes;

    /** A server of the kind the environment asks for, or the best one available. */
    public RedisServerExtension() {
        this(null, null);
    }

    private RedisServerExtension(String forcedKind, RedisTls tls) {
        this.forcedKind = forcedKind;
        this.tls = tls;
    }

    /**
     * A {@code redis-server} child process that also speaks TLS on {@link #tlsPort()}, as {@code tls}
     * says; its plain port stays open for the harness (readiness, {@link #probe()}). Tests are aborted
     * (reported as skipped) where the binary has no TLS or a container or external server is forced.
     */
    public static RedisServerExtension withTls(RedisTls tls) {
        return new RedisServerExtension(null, java.util.Objects.requireNonNull(tls, "tls"));
    }

    /**
     * A server of the given kind whatever the environment says, for tests of one kind in
     * particular: {@code container}, {@code redis-server}, {@code embedded} or {@code external}.
     */
    public RedisServerExtension(String forcedKind) {
        this(BackendSelector.checkKind(forcedKind, "the forced kind"), null);
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        if (scopes++ > 0) {
            return;
        }
        BackendSelector selector = BackendSelector.fromSystem();
        RedisServerBackend created = tls == null ? selector.create(forcedKind) : selector.createProcess(forcedKind, tls);
        try {
            created.open();
        } catch (RuntimeException e) {
            created.close();
            org.junit.jupiter.api.Assumptions.assumeFalse(tls != null
                    && String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("tls"),
                    () -> "this redis-server cannot serve TLS: " + e.getMessage());
            throw e;
        }
        backend = created;
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (scopes > 0 && --scopes > 0) {
            return;
        }
        try {
            if (probe != null) {
                probe.close();
            }
        } finally {
            probe = null;
            if (backend != null) {
                backend.close();
                backend = null;
            }
        }
    }

    /** {@code redis://127.0.0.1:<port>}, or the external URL as configured. */
    public String url() {
        return backend().url();
    }

    public String host() {
        return backend().host();
    }

    /** The TLS port of a server made {@link #withTls}; 0 for one without TLS. */
    public int tlsPort() {
        return backend().tlsPort();
    }

    /** {@code rediss://host:<tls port>}: the TLS endpoint under the name {@code host} (which the certificate must hold). */
    public String tlsUrl(String host) {
        if (tlsPort() == 0) {
            throw new IllegalStateException("this server has no TLS port: make it with RedisServerExtension.withTls");
        }
        return "rediss://" + host + ":" + tlsPort();
    }

    public int port() {
        return backend().port();
    }

    /** {@code container}, {@code redis-server}, {@code embedded} or {@code external}. */
    public String kind() {
        return backend().kind();
    }

    /** Stops the server (kills the process, stops the container); returns when the port no longer answers. */
    public void stop() {
        backend().stop();
    }

    /** Starts the stopped server again on the same port, empty; returns when PING answers. */
    public void start() {
        backend().start();
    }

    /** {@link #stop()} then {@link #start()}: like a crash and a quick recovery; data is lost. */
    public void restart() {
        RedisServerBackend server = backend();
        server.stop();
        server.start();
    }

    /**
     * Saves the data to disk, stops the server and starts it again from that snapshot on the same port,
     * like a restart of a server with RDB persistence: keys, streams and their ids survive, every
     * connection is closed. A later {@link #restart()} is empty again. Only the child-process kinds
     * ({@code redis-server}, {@code embedded}) can; on others the test is aborted (skipped).
     */
    public void restartKeepingData() {
        backend().restartKeepingData();
    }

    /** Freezes the server (SIGSTOP, {@code docker pause}): connections stay open, nothing answers. */
    public void pause() {
        backend().pause();
    }

    /** Unfreezes the server; returns when PING answers again. Commands sent meanwhile then run. */
    public void resume() {
        backend().resume();
    }

    /** Deletes every key in every database. */
    public void flushAll() {
        probe().flushAll();
    }

    /** The probe for assertions on this server, connected on first use and closed after the class. */
    public synchronized RedisProbe probe() {
        RedisServerBackend server = backend();
        if (probe == null) {
            probe = new RedisProbe(server.url(), server.port());
        }
        return probe;
    }

    private synchronized RedisServerBackend backend() {
        if (backend == null) {
            throw new IllegalStateException("no Redis server: register RedisServerExtension with "
                    + "@RegisterExtension on a static field, and use it from tests or @BeforeAll methods");
        }
        return backend;
    }
}
