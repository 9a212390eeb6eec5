package io.wmon.bench.startup;

import java.lang.management.ManagementFactory;

/**
 * The main of a {@link PhaseProbe} run: prints the marker, then one {@code PHASE name nanos} line
 * per premain phase, the gap from premain's end to main, and, three seconds later, the CPU time
 * the {@code wmon-heartbeat} thread has used so far (its initialization and first beat).
 */
public final class ProbeMain {

    private ProbeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        long atMain = System.nanoTime();
        System.out.println("M");
        long[] t = PhaseProbe.marks();
        if (t == null) {
            throw new IllegalStateException("PhaseProbe did not run; start with -javaagent:wmon-benchmarks.jar=OPTIONS");
        }
        for (int i = 0; i < PhaseProbe.PHASES.length; i++) {
            System.out.println("PHASE " + PhaseProbe.PHASES[i] + "=" + (t[i + 1] - t[i]));
        }
        System.out.println("PHASE premain total=" + (t[t.length - 1] - t[0]));
        System.out.println("PHASE premain end to main=" + (atMain - t[t.length - 1]));
        Thread.sleep(3_000);
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("wmon-heartbeat")) {
                long cpu = ManagementFactory.getThreadMXBean().getThreadCpuTime(thread.getId());
                System.out.println("PHASE wmon-heartbeat thread CPU, first 3 s (parallel to main)=" + cpu);
            }
        }
    }
}
