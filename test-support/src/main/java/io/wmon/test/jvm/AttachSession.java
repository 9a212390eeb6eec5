package io.wmon.test.jvm;

import com.sun.tools.attach.VirtualMachine;
import java.nio.file.Path;
import java.util.Properties;

/** Short Attach API sessions to a child JVM; each one detaches in {@code finally}. */
final class AttachSession {

    private AttachSession() {
    }

    /** {@code VirtualMachine.loadAgent}: runs the jar's {@code agentmain} in the JVM. */
    static void loadAgent(long pid, Path agentJar, String options) {
        run(pid, "load the agent " + agentJar.getFileName(), vm -> {
            vm.loadAgent(agentJar.toString(), options);
            return null;
        });
    }

    static Properties systemProperties(long pid) {
        return run(pid, "read system properties", VirtualMachine::getSystemProperties);
    }

    /** Starts the JVM's local JMX agent (a no-op when it runs) and returns its connector address. */
    static String localManagementAgent(long pid) {
        return run(pid, "start the local management agent", VirtualMachine::startLocalManagementAgent);
    }

    private static <T> T run(long pid, String what, AttachAction<T> action) {
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(pid));
        } catch (Exception e) {
            throw new IllegalStateException("cannot attach to pid " + pid + " to " + what, e);
        }
        try {
            return action.apply(vm);
        } catch (Exception e) {
            throw new IllegalStateException("pid " + pid + ": cannot " + what + ": " + e, e);
        } finally {
            try {
                vm.detach();
            } catch (Exception e) {
                // the session is over either way
            }
        }
    }

    /** One action on an attached VM. */
    private interface AttachAction<T> {
        T apply(VirtualMachine vm) throws Exception;
    }
}
