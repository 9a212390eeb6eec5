package io.wmon.bench.startup;

import io.wmon.agent.config.AgentOptions;
import io.wmon.agent.runtime.AgentRuntime;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.logging.Logger;

/**
 * A stand-in {@code premain} that takes the steps of the agent's own launcher
 * ({@code AgentLauncher.launch}) one at a time, with a timestamp after each, so that the start-up
 * cost can be split into JUL set-up, option parsing, the bootstrap API jar, starting the runtime
 * and the "started" log line. Run as {@code -javaagent:wmon-benchmarks.jar=WMON_OPTIONS} with the
 * shaded {@code wmon-agent.jar} on the class path; {@code =noop} does nothing (the price of any
 * {@code -javaagent}).
 */
public final class PhaseProbe {

    /** Phase names, in order; {@link #marks()} holds one more entry than there are names. */
    static final String[] PHASES = {"JUL logger", "options parse", "reflection (probe only)",
        "bootstrap API jar", "AgentRuntime.start", "\"started\" log line"};

    private static volatile long[] marks;

    private PhaseProbe() {
    }

    public static void premain(String args, Instrumentation instrumentation) throws ReflectiveOperationException {
        if ("noop".equals(args)) {
            return;
        }
        long[] t = new long[PHASES.length + 1];
        t[0] = System.nanoTime();
        Logger log = Logger.getLogger("io.wmon.agent");
        t[1] = System.nanoTime();
        AgentOptions options = AgentOptions.parse(args);
        t[2] = System.nanoTime();
        Method install = Class.forName("io.wmon.agent.BootstrapApi").getDeclaredMethod("install",
                Instrumentation.class);
        install.setAccessible(true);
        Method version = Class.forName("io.wmon.agent.AgentVersion").getDeclaredMethod("current");
        version.setAccessible(true);
        t[3] = System.nanoTime();
        install.invoke(null, instrumentation);
        t[4] = System.nanoTime();
        AgentRuntime.start(options, (String) version.invoke(null));
        t[5] = System.nanoTime();
        log.info("wmon agent started: " + options.describe());
        t[6] = System.nanoTime();
        marks = t;
    }

    /** The timestamps taken by {@link #premain}, or null when it did not run. */
    static long[] marks() {
        return marks;
    }
}
