package io.wmon.agent.metrics;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;

/**
 * Heap, threads and process CPU load of this JVM, read from the platform MXBeans.
 *
 * <p>CPU load comes from {@code com.sun.management.OperatingSystemMXBean} when the JVM has it
 * (HotSpot, OpenJ9); elsewhere it is {@code -1}. All reads are in-memory and cost microseconds.
 */
public final class JvmMetrics {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();

    /** Heap in use, bytes. */
    public long heapUsedBytes() {
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Heap limit, bytes, or -1 when the JVM has none. */
    public long heapMaxBytes() {
        MemoryUsage heap = memory.getHeapMemoryUsage();
        return heap.getMax();
    }

    /** Live threads. */
    public long threadCount() {
        return threads.getThreadCount();
    }

    /** Recent CPU load of this process, 0..1, or -1 when unknown. */
    public double processCpuLoad() {
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            double load = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuLoad();
            return load < 0 || Double.isNaN(load) ? -1 : Math.min(1.0, load);
        }
        return -1;
    }
}
