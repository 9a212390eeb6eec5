package io.wmon.cli.jvm;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import io.wmon.cli.shell.TargetUnreachableException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One Attach API session with a local JVM; {@link #close()} detaches, so use it in
 * try-with-resources and the target is never left attached.
 *
 * <p>Every failure becomes a {@link TargetUnreachableException} whose message is one line naming
 * the pid and what to check.
 */
public final class AttachedVm implements AutoCloseable {

    /** System property the wmon agent sets while it runs; its value is the agent's version. */
    public static final String AGENT_VERSION_PROPERTY = "wmon.agent.version";
    /** System property the wmon agent sets when it refuses to start (its one log line), and clears on a good start. */
    public static final String AGENT_ERROR_PROPERTY = "wmon.agent.error";
    /** The first Java release that warns about dynamically loaded agents (JEP 451). */
    private static final int FIRST_WARNING_RELEASE = 21;

    private final long pid;
    private final VirtualMachine vm;

    private AttachedVm(long pid, VirtualMachine vm) {
        this.pid = pid;
        this.vm = vm;
    }

    /**
     * Attaches to {@code pid} after {@linkplain LocalPid#requireAttachable checking} it.
     *
     * @throws IllegalArgumentException when the pid is not positive (the caller's bug)
     * @throws TargetUnreachableException when there is no such JVM or it refuses the attach
     */
    public static AttachedVm attach(long pid) {
        LocalPid.requireAttachable(pid);
        return attachListed(pid);
    }

    /** Attaches to a pid that {@code VirtualMachine.list()} has just listed, without checking it again. */
    public static AttachedVm attachListed(long pid) {
        try {
            return new AttachedVm(pid, VirtualMachine.attach(Long.toString(pid)));
        } catch (AttachNotSupportedException | IOException e) {
            throw new TargetUnreachableException("cannot attach to pid " + pid + ": " + reason(e), e);
        }
    }

    public long pid() {
        return pid;
    }

    /** The target's current value of a system property; reading it loads nothing into the target. */
    public Optional<String> systemProperty(String name) {
        try {
            return Optional.ofNullable(vm.getSystemProperties().getProperty(name));
        } catch (IOException e) {
            throw new TargetUnreachableException("cannot read the system properties of pid " + pid + ": "
                    + reason(e), e);
        }
    }

    /** A property of the JVM itself ({@code sun.jvm.args}, {@code sun.java.command}…), not of the application. */
    public Optional<String> agentProperty(String name) {
        try {
            return Optional.ofNullable(vm.getAgentProperties().getProperty(name));
        } catch (IOException e) {
            throw new TargetUnreachableException("cannot read the agent properties of pid " + pid + ": "
                    + reason(e), e);
        }
    }

    /** The target's Java feature release ({@code 17}, {@code 21}…), or 0 when it does not say. */
    public int javaRelease() {
        String spec = systemProperty("java.specification.version").orElse("");
        try {
            return Integer.parseInt(spec.startsWith("1.") ? spec.substring(2) : spec);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Whether loading an agent makes the target print JEP 451's warning: Java 21 or later, started
     * without {@code -XX:+EnableDynamicAgentLoading}.
     */
    public boolean warnsOnDynamicAgents() {
        return javaRelease() >= FIRST_WARNING_RELEASE
                && !agentProperty("sun.jvm.args").orElse("").contains("EnableDynamicAgentLoading");
    }

    /** The version of the wmon agent running in the target, read from {@value #AGENT_VERSION_PROPERTY}. */
    public Optional<String> agentVersion() {
        return systemProperty(AGENT_VERSION_PROPERTY);
    }

    /**
     * Starts the target's local JMX management agent (a no-op when it runs already) and returns its
     * connector address. Starts no Java agent, so JDK 21+ prints no dynamic-loading warning.
     */
    public String startLocalManagementAgent() {
        try {
            return vm.startLocalManagementAgent();
        } catch (IOException e) {
            throw new TargetUnreachableException("cannot start the JMX management agent in pid " + pid + ": "
                    + reason(e), e);
        }
    }

    /**
     * Loads a Java agent jar into the target and waits for its {@code agentmain} to return.
     *
     * @param jar absolute path, as the target JVM sees it
     */
    public void loadAgent(Path jar, String options) {
        try {
            vm.loadAgent(jar.toString(), options);
        } catch (AgentLoadException e) {
            throw new TargetUnreachableException("pid " + pid + " did not load " + jar + ": " + reason(e)
                    + dynamicLoadingHint(e), e);
        } catch (AgentInitializationException e) {
            throw new TargetUnreachableException("the agent failed in pid " + pid + " (agentmain returned "
                    + e.returnValue() + "); see that JVM's log", e);
        } catch (IOException e) {
            throw new TargetUnreachableException("cannot load the agent into pid " + pid + ": " + reason(e), e);
        }
    }

    /** Detaches; a failure to detach from a JVM that went away meanwhile is not worth reporting. */
    @Override
    public void close() {
        try {
            vm.detach();
        } catch (IOException e) {
            // The target exited or closed the socket: nothing is left attached either way.
        }
    }

    private static String dynamicLoadingHint(Exception e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("EnableDynamicAgentLoading") || message.contains("ynamic agent loading")
                ? "; it was started with -XX:-EnableDynamicAgentLoading: use -javaagent instead" : "";
    }

    /** The first line of the deepest useful message, with a hint for the usual causes. */
    static String reason(Throwable e) {
        String message = firstLine(e.getMessage());
        if (message.isEmpty() && e.getCause() != null) {
            message = firstLine(e.getCause().getMessage());
        }
        if (message.isEmpty()) {
            message = e.getClass().getSimpleName();
        }
        if (message.contains("Permission denied") || message.contains("not secure")
                || message.contains("should be owned")) {
            return message + " (a JVM of another user? run wmon as that user)";
        }
        if (message.contains("doesn't respond") || message.contains("Unable to open socket file")) {
            return "it does not answer the Attach API (started with -XX:+DisableAttachMechanism, busy, or "
                    + "in another container?)";
        }
        return message;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).trim();
    }
}
