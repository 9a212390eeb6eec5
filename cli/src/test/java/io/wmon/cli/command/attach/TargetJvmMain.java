package io.wmon.cli.command.attach;

import java.io.IOException;

/**
 * The JVM the tests attach to and read: prints {@code ready pid=<pid> agent=<bool>} like the example
 * worker, then waits until its standard input closes (the test, or the test JVM, ending) and exits.
 * Arguments are ignored, so that {@code wmon demo} can pass the example worker's flags.
 */
public final class TargetJvmMain {

    private TargetJvmMain() {
    }

    public static void main(String[] args) throws IOException {
        System.out.println("ready pid=" + ProcessHandle.current().pid()
                + " agent=" + (System.getProperty("wmon.agent.version") != null));
        System.out.flush();
        while (System.in.read() >= 0) {
            // Keep running until the parent closes the pipe.
        }
    }
}
