package io.wmon.test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes sure no child process of a test (a Redis server, a worker JVM, a launcher) outlives the
 * test JVM, even when clean-up never runs (a crash, {@code System.exit}, a killed Maven build): a
 * JVM does not end its children by itself, and a forgotten one keeps its port and memory.
 *
 * <p>One shutdown hook kills every process still registered, and the processes it started in
 * turn. A JVM killed with SIGKILL runs no hook at all; that case cannot be covered from inside the JVM.
 */
public final class ChildProcessReaper {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Thread hook = new Thread(ChildProcessReaper::killAll, "wmon-test-reaper");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private ChildProcessReaper() {
    }

    /** Kills {@code process} when the JVM exits, unless it was {@linkplain #forget forgotten} first. */
    public static void register(Process process) {
        LIVE.add(process);
    }

    /** Called once the process has been stopped on purpose. */
    public static void forget(Process process) {
        LIVE.remove(process);
    }

    /** SIGKILL to {@code process} and to every process it started, grandchildren first. */
    public static void killWithDescendants(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static void killAll() {
        for (Process process : LIVE) {
            killWithDescendants(process);
        }
    }
}
