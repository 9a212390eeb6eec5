package io.wmon.agent.metrics;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;

/**
 * Heap, threads and process CPU load of this JVM, read from the platform MXBeans.
 *
 * <p>Process CPU time comes from {@code com.sun.management.OperatingSystemMXBean} when the JVM has
 * it (HotSpot, OpenJ9); elsewhere the load is {@code -1}. All reads are in-memory and cost
 * microseconds or less.
 */
public final class JvmMetrics {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    private final int processors = Math.max(1, Runtime.getRuntime().availableProcessors());
    private long lastCpuNanos;
    private long lastWallNanos;

    public JvmMetrics() {
        lastCpuNanos = processCpuNanos();
        lastWallNanos = System.nanoTime();
    }

    /** Heap in use, bytes. */
    public long heapUsedBytes() {
        return memory.getHeapMemoryUsage().getUsed();
    }

    /**
     * Heap limit, bytes, or -1 when the JVM has none. From {@code Runtime.maxMemory()}, which reads
     * one value, rather than a second walk over the heap's memory pools in the same beat.
     */
    public long heapMaxBytes() {
        long max = Runtime.getRuntime().maxMemory();
        return max == Long.MAX_VALUE ? -1 : max;
    }

    /** Live threads. */
    public long threadCount() {
        return threads.getThreadCount();
    }

    /**
     * CPU load of this process since the previous call (the first call: since this object was
     * made), 0..1 of all processors, or -1 when the JVM does not report process CPU time.
     *
     * <p>Computed from two readings of the process CPU time, which costs about half a microsecond,
     * rather than {@code getProcessCpuLoad()}, which costs some 60 µs a call and dominated a beat.
     */
    public synchronized double processCpuLoad() {
        long cpu = processCpuNanos();
        long wall = System.nanoTime();
        double load = -1;
        if (cpu >= 0 && lastCpuNanos >= 0 && wall > lastWallNanos) {
            double used = (double) (cpu - lastCpuNanos) / ((wall - lastWallNanos) * (double) processors);
            load = Math.max(0.0, Math.min(1.0, used));
        }
        lastCpuNanos = cpu;
        lastWallNanos = wall;
        return load;
    }

    private long processCpuNanos() {
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        }
        return -1;
    }
}
