package io.wmon.agent;

import java.lang.instrument.Instrumentation;

/**
 * The agent's entry class, named in the jar manifest as {@code Premain-Class} and
 * {@code Agent-Class}.
 *
 * <p>{@code -javaagent:wmon-agent.jar=OPTIONS} calls {@link #premain}; {@code wmon attach} (the
 * Attach API) calls {@link #agentmain}. Both take the same path. Nothing here may throw into the
 * host JVM: every failure ends as one log line and a disabled agent.
 */
public final class WmonAgent {

    private WmonAgent() {
    }

    public static void premain(String args, Instrumentation instrumentation) {
        AgentLauncher.launch(args, instrumentation);
    }

    public static void agentmain(String args, Instrumentation instrumentation) {
        AgentLauncher.launch(args, instrumentation);
    }
}
