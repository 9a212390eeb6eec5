package io.wmon.test;

/**
 * One way of providing a Redis server to a test class: a child process, a container, or a
 * server someone else runs. {@link RedisServerExtension} delegates to exactly one of these.
 *
 * <p>Every method that changes the server's state blocks until the change can be observed on
 * the port, so a test never needs to sleep after calling it.
 */
interface RedisServerBackend extends AutoCloseable {

    /** {@code container}, {@code redis-server}, {@code embedded} or {@code external}. */
    String kind();

    String host();

    int port();

    /** The port that speaks TLS, or 0 when the server has none. */
    default int tlsPort() {
        return 0;
    }

    /** {@code redis://host:port}, or the external URL exactly as configured. */
    String url();

    /** Brings the server up for a test class; a server run by someone else is just used. */
    default void open() {
        start();
    }

    /** Starts the server on its port, unless it runs already; returns when PING answers. */
    void start();

    /** Stops the server; returns when its port no longer answers. */
    void stop();

    /**
     * Stops the server after it saved its data to disk and starts it again on the same port from that
     * snapshot, like a clean restart of a server with RDB persistence; returns when PING answers. A
     * later {@link #start()} after {@link #stop()} is empty again. Kinds that cannot do it abort the
     * test (reported as skipped).
     */
    default void restartKeepingData() {
        throw new org.opentest4j.TestAbortedException("a Redis server of kind " + kind()
                + " cannot be restarted with its data here; the child-process kinds can");
    }

    /** Freezes the server, so that commands sent to it hang until {@link #resume()}. */
    void pause();

    /** Unfreezes a paused server; returns when PING answers again. */
    void resume();

    /** Stops the server for good and frees what it used (temporary files, containers). */
    @Override
    void close();
}
