package io.wmon.bench.heartbeat;

import static io.wmon.bench.Stats.fmt;
import static io.wmon.bench.Stats.ms;
import static io.wmon.bench.Stats.us;

import io.wmon.bench.AgentMBeans;
import io.wmon.bench.Args;
import io.wmon.bench.Jdk;
import io.wmon.bench.Table;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU per heartbeat of the real agent: run with {@code -javaagent:wmon-agent.jar=redis=...,interval=1s},
 * it lets the agent warm up, then reads the CPU time of the agent's {@code wmon-heartbeat} thread
 * ({@link ThreadMXBean#getThreadCpuTime(long)}) and the Worker MBean's {@code HeartbeatCount} at
 * the start and the end of {@code --seconds} (default 60), and divides. Everything the thread does
 * counts: the beat, the scheduling, the jitter. The shared commons-pool evictor thread is reported
 * beside it, and the CPU per beat of each of {@code --windows} equal windows (default 6) as notes.
 *
 * <pre>java -javaagent:wmon-agent.jar=redis=redis://127.0.0.1:PORT,interval=1s -cp wmon-benchmarks.jar
 *     io.wmon.bench.heartbeat.AgentThreadBench [--seconds 60]</pre>
 */
public final class AgentThreadBench {

    private AgentThreadBench() {
    }

    public static void main(String[] argv) throws InterruptedException {
        Args args = Args.parse(argv);
        int seconds = args.integer("seconds", 60);
        AgentMBeans beans = AgentMBeans.await(3, 30_000);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long heartbeat = threadId("wmon-heartbeat");
        long evictor = threadId("commons-pool-evictor");
        int windows = args.integer("windows", 6);
        long beats0 = beans.heartbeatCount();
        long cpu0 = threads.getThreadCpuTime(heartbeat);
        long evict0 = evictor < 0 ? 0 : threads.getThreadCpuTime(evictor);
        long wall0 = System.nanoTime();
        long beatsBefore = beats0;
        long cpuBefore = cpu0;
        for (int w = 1; w <= windows; w++) {
            Thread.sleep(seconds * 1_000L / windows);
            long beatsNow = beans.heartbeatCount();
            long cpuNow = threads.getThreadCpuTime(heartbeat);
            Table.note("%s window %d/%d: %d beats, %s/beat", Jdk.current().label(), w, windows, beatsNow - beatsBefore,
                    us((double) (cpuNow - cpuBefore) / Math.max(1, beatsNow - beatsBefore)));
            beatsBefore = beatsNow;
            cpuBefore = cpuNow;
        }
        long beats = beans.heartbeatCount() - beats0;
        long cpu = threads.getThreadCpuTime(heartbeat) - cpu0;
        long evict = evictor < 0 ? 0 : threads.getThreadCpuTime(evictor) - evict0;
        double wallSeconds = (System.nanoTime() - wall0) / 1e9;
        long failures = ((Number) beans.get(AgentMBeans.WORKER, "HeartbeatFailureCount")).longValue();
        Object rtt = beans.get(AgentMBeans.WORKER, "RedisRoundTripMicros");
        if (beats <= 0 || failures > 0) {
            throw new IllegalStateException(beats + " beats, " + failures + " failures: is Redis up?");
        }
        double perBeat = (double) cpu / beats;
        String jdk = Jdk.current().label();
        Table.note("%s agent thread: %d beats in %.1f s, wmon-heartbeat CPU %s (%s/beat), evictor CPU %s, last RTT %s µs",
                jdk, beats, wallSeconds, ms(cpu), us(perBeat), ms(evict), rtt);
        Table.row(fmt("CPU per heartbeat (agent's wmon-heartbeat thread, interval 1 s, %d beats)", beats), jdk, "—",
                us(perBeat), fmt("%s/beat; %.3f%% of one core", us(perBeat), 100.0 * (cpu + evict) / (wallSeconds * 1e9)),
                "≤ 0.5 ms", Table.met(perBeat <= 500_000));
    }

    private static long threadId(String name) {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals(name)) {
                return thread.getId();
            }
        }
        return -1;
    }
}
