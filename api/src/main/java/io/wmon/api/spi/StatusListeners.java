package io.wmon.api.spi;

/**
 * The one place where the agent installs its {@link StatusListener}.
 *
 * <p>The agent puts this package on the bootstrap class path, so that every class loader of the
 * application (a Spring Boot fat jar, a servlet container) resolves the same class and reaches the
 * same listener.
 */
public final class StatusListeners {

    private static volatile StatusListener current;

    private StatusListeners() {
    }

    /** The installed listener, or {@code null} when no agent runs. */
    public static StatusListener current() {
        return current;
    }

    /** Installs {@code listener}, replacing any other; called by the agent when it starts. */
    public static void install(StatusListener listener) {
        current = listener;
    }

    /** Removes {@code listener} if it is the installed one; called by the agent when it stops. */
    public static synchronized void uninstall(StatusListener listener) {
        if (current == listener) {
            current = null;
        }
    }
}
