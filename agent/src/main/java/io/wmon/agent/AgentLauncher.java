package io.wmon.agent;

import io.wmon.agent.config.AgentConfigException;
import io.wmon.agent.config.AgentOptions;
import io.wmon.agent.config.Mode;
import io.wmon.agent.runtime.AgentRuntime;
import java.lang.instrument.Instrumentation;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts and stops the one agent of this JVM.
 *
 * <p>Options are parsed and validated before anything else happens, so a bad option leaves the
 * JVM exactly as it was, with one warning. A second start is refused with one line; {@code
 * mode=stop} undoes a start so that the agent can be started again. Logs through
 * {@code java.util.logging} directly (logger {@code io.wmon.agent}) so that even a failure to set
 * up the agent's own logging is reported; the logger is looked up only when there is something to
 * say, so that a good start does not initialise logging on the JVM's start-up path.
 *
 * <p>A refused start also leaves its one line in the system property {@value #ERROR_PROPERTY}, which
 * {@code wmon attach} reads back over the Attach API ({@code loadAgent} cannot return it); a start
 * that succeeds clears it. The line is the logged one: option values cut and escaped, a password
 * never shown; for an unexpected failure only the exception's class.
 */
final class AgentLauncher {

    /** Why the last start in this JVM was refused: {@code wmon agent disabled: …}; absent after a good start. */
    static final String ERROR_PROPERTY = AgentRuntime.ERROR_PROPERTY;

    private static final String LOGGER = "io.wmon.agent";

    private static AgentRuntime running;

    private AgentLauncher() {
    }

    static synchronized void launch(String args, Instrumentation instrumentation) {
        try {
            AgentOptions options = AgentOptions.parse(args);
            if (options.mode() == Mode.STOP) {
                stop();
            } else {
                start(options, instrumentation);
            }
        } catch (AgentConfigException e) {
            String line = oneLine(e.getMessage().startsWith("wmon agent disabled") ? e.getMessage()
                    : "wmon agent disabled: " + e.getMessage());
            Logger.getLogger(LOGGER).warning(line);
            remember(line);
        } catch (Throwable e) {
            // An agent must never take its host down, whatever went wrong.
            Logger.getLogger(LOGGER).log(Level.WARNING, oneLine("wmon agent disabled: " + e), e);
            // Not the message: an exception of some library may carry what the option parser would hide.
            remember("wmon agent disabled: " + e.getClass().getName() + " (see this JVM's log, logger " + LOGGER + ")");
        }
    }

    /** Sets or (with {@code null}) clears {@value #ERROR_PROPERTY}; a JVM that forbids it only loses the read-back. */
    private static void remember(String line) {
        try {
            if (line == null) {
                System.clearProperty(ERROR_PROPERTY);
            } else {
                System.setProperty(ERROR_PROPERTY, line);
            }
        } catch (RuntimeException forbidden) {
            // A security manager may refuse; the log line is there either way.
        }
    }

    private static void start(AgentOptions options, Instrumentation instrumentation) {
        if (running != null) {
            Logger.getLogger(LOGGER).info("wmon agent already running in this JVM; ignoring the second start");
            return;
        }
        BootstrapApi.install(instrumentation);
        // The "started" line is logged by the agent's own thread, off the JVM's start-up path.
        running = AgentRuntime.start(options, AgentVersion.current());
        remember(null);
    }

    private static void stop() {
        if (running == null) {
            Logger.getLogger(LOGGER).info("wmon agent is not running in this JVM; nothing to stop");
            return;
        }
        AgentRuntime stopping = running;
        running = null;
        stopping.stop();
        Logger.getLogger(LOGGER).info("wmon agent stopped");
    }

    private static String oneLine(String message) {
        return message.replace('\n', ' ').replace('\r', ' ');
    }
}
