package io.wmon.cli.command.demo;

/**
 * The demo could not set itself up (a worker JVM did not start, no Redis could be started); its
 * message is the one line the user sees. {@code demo} exits with 1 after stopping what it started.
 */
final class DemoFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    DemoFailure(String message) {
        super(message);
    }

    DemoFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
