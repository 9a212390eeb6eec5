package io.wmon.cli.command.jmx;

/**
 * One local JVM as {@code wmon jmx} lists it.
 *
 * @param pid its process id
 * @param main its main class or jar, without arguments (they may hold secrets)
 * @param agentVersion the running wmon agent's version, or {@code null} when none runs or it is unknown
 * @param problem why the agent could not be checked (attach refused or timed out), or {@code null}
 */
record LocalJvm(long pid, String main, String agentVersion, String problem) {

    /** {@code TRUE}/{@code FALSE}, or {@code null} when it could not be checked. */
    Boolean agent() {
        return problem != null ? null : agentVersion != null;
    }
}
