package io.wmon.cli.command.jmx;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import io.wmon.cli.jvm.AttachedVm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The local JVMs the Attach API can see, each checked for a running wmon agent.
 *
 * <p>The check reads the {@code wmon.agent.version} system property over the Attach API: cheap, and
 * it loads nothing into the target. JVMs are checked a few at a time, each within
 * {@link #CHECK_TIMEOUT} overall, so that one JVM that does not answer cannot stall the listing.
 * The wmon process itself is left out.
 */
final class LocalJvms {

    /** How long the whole listing waits for the agent checks. */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(8);
    private static final int PARALLEL_CHECKS = 4;

    private LocalJvms() {
    }

    /** The JVMs sorted by pid. */
    static List<LocalJvm> list() {
        long self = ProcessHandle.current().pid();
        Map<Long, String> mains = new LinkedHashMap<>();
        for (VirtualMachineDescriptor descriptor : VirtualMachine.list()) {
            long pid = pid(descriptor.id());
            if (pid > 0 && pid != self && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                mains.put(pid, mainOf(descriptor.displayName()));
            }
        }
        ExecutorService executor = Executors.newFixedThreadPool(PARALLEL_CHECKS, runnable -> {
            Thread thread = new Thread(runnable, "wmon-jvm-check");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Map<Long, Future<String>> checks = new LinkedHashMap<>();
            for (long pid : mains.keySet()) {
                checks.put(pid, executor.submit(() -> agentVersion(pid)));
            }
            long deadline = System.nanoTime() + CHECK_TIMEOUT.toNanos();
            List<LocalJvm> jvms = new ArrayList<>();
            for (Map.Entry<Long, Future<String>> check : checks.entrySet()) {
                jvms.add(collect(check.getKey(), mains.get(check.getKey()), check.getValue(), deadline));
            }
            jvms.sort(Comparator.comparingLong(LocalJvm::pid));
            return jvms;
        } finally {
            executor.shutdownNow();
        }
    }

    private static String agentVersion(long pid) {
        try (AttachedVm vm = AttachedVm.attachListed(pid)) {
            return vm.agentVersion().orElse(null);
        }
    }

    private static LocalJvm collect(long pid, String main, Future<String> check, long deadline) {
        try {
            long wait = Math.max(0, deadline - System.nanoTime());
            return new LocalJvm(pid, main, check.get(wait, TimeUnit.NANOSECONDS), null);
        } catch (ExecutionException e) {
            return new LocalJvm(pid, main, null, JmxFailures.firstLine(e.getCause()));
        } catch (TimeoutException e) {
            check.cancel(true);
            return new LocalJvm(pid, main, null, "no answer over the Attach API within "
                    + CHECK_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new LocalJvm(pid, main, null, "interrupted");
        }
    }

    private static long pid(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The first word of the JVM's display name: its main class or jar, without arguments. */
    static String mainOf(String displayName) {
        String name = displayName == null ? "" : displayName.trim();
        int space = name.indexOf(' ');
        return space < 0 ? name : name.substring(0, space);
    }
}
