package io.wmon.test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes sure no Redis child process outlives the test JVM, even when a test class never
 * reaches {@code afterAll} (a crash, {@code System.exit}, a killed Maven build): a JVM does not
 * end its children by itself, and a forgotten server keeps its port and memory.
 *
 * <p>One shutdown hook kills every process still registered. A JVM killed with SIGKILL runs no
 * hook at all; that case cannot be covered from inside the JVM.
 */
final class ChildProcessReaper {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Thread hook = new Thread(ChildProcessReaper::killAll, "wmon-redis-reaper");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private ChildProcessReaper() {
    }

    /** Kills {@code process} when the JVM exits, unless it was {@linkplain #forget forgotten} first. */
    static void register(Process process) {
        LIVE.add(process);
    }

    /** Called once the process has been stopped on purpose. */
    static void forget(Process process) {
        LIVE.remove(process);
    }

    private static void killAll() {
        for (Process process : LIVE) {
            process.destroyForcibly();
        }
    }
}
