package io.wmon.cli.jvm;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import io.wmon.cli.shell.TargetUnreachableException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks a PID before anything attaches to it, so that the user gets the real reason in one line.
 *
 * <p>It also keeps the Attach API away from processes that are not JVMs: on a JVM that has not yet
 * opened its attach socket, attaching sends {@code SIGQUIT}, which ends most other programs. So a
 * PID is attached only when the JVM lists it (its {@code hsperfdata} file exists) or when its
 * command is a {@code java} launcher (a JVM started with {@code -XX:-UsePerfData}).
 */
public final class LocalPid {

    private LocalPid() {
    }

    /**
     * Returns normally when {@code pid} is a JVM worth attaching to.
     *
     * @throws IllegalArgumentException when the pid is not positive: a bug, since commands reject such a
     *     PID as a usage error before they get here
     * @throws TargetUnreachableException naming why not: no such process, the wmon process itself, not a JVM
     */
    public static void requireAttachable(long pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("PID must be a positive number, was " + pid);
        }
        if (pid == ProcessHandle.current().pid()) {
            throw new TargetUnreachableException("pid " + pid + " is this wmon process itself");
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            throw new TargetUnreachableException("no JVM with pid " + pid);
        }
        String user = process.get().info().user().orElse(null);
        String me = System.getProperty("user.name");
        if (user != null && !user.equals(me) && !"root".equals(me)) {
            throw new TargetUnreachableException("pid " + pid + " runs as user " + user + ", not " + me
                    + "; the Attach API only reaches JVMs of the same user: run wmon as " + user);
        }
        if (isListedJvm(pid) || looksLikeJava(process.get())) {
            return;
        }
        throw new TargetUnreachableException("pid " + pid + " is not a JVM (it runs "
                + ProcessName.of(process.get()) + ")");
    }

    private static boolean isListedJvm(long pid) {
        String id = Long.toString(pid);
        for (VirtualMachineDescriptor descriptor : VirtualMachine.list()) {
            if (descriptor.id().equals(id)) {
                return true;
            }
        }
        return false;
    }

    private static boolean looksLikeJava(ProcessHandle process) {
        return process.info().command()
                .map(command -> Path.of(command).getFileName())
                .map(name -> name != null && name.toString().startsWith("java"))
                .orElse(false);
    }
}
