package io.wmon.bench.capacity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * The machine's load at one moment: the 1-minute load average ({@code /proc/loadavg}, what
 * {@code uptime} prints first), the CPU time all processes have used ({@code /proc/stat}), and the CPU
 * time of the benchmark's own processes (the bench, Redis, the generators; {@code /proc/<pid>/stat}),
 * so that a run can say how much CPU other processes took meanwhile. Times in clock ticks (1/100 s).
 */
record MachineLoad(double loadAverage, long busyTicks, long ownTicks) {

    /** Clock ticks per second of {@code /proc} ({@code USER_HZ}; 100 on Linux's usual builds). */
    static final double TICKS_PER_SECOND = 100;

    static MachineLoad now(Collection<Long> ownPids) {
        double load = Double.parseDouble(read(Path.of("/proc/loadavg")).split(" ")[0]);
        // cpu  user nice system idle iowait irq softirq steal guest guest_nice
        String[] cpu = read(Path.of("/proc/stat")).lines().findFirst().orElseThrow().trim().split("\\s+");
        long busy = 0;
        for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
            busy += Long.parseLong(cpu[i]);
        }
        long own = 0;
        for (long pid : ownPids) {
            own += processTicks(pid);
        }
        return new MachineLoad(load, busy, own);
    }

    /** CPU used by other processes between {@code earlier} and now, in % of one core. */
    double othersPercentSince(MachineLoad earlier, double seconds) {
        long others = (busyTicks - earlier.busyTicks) - (ownTicks - earlier.ownTicks);
        return 100 * Math.max(0, others) / TICKS_PER_SECOND / seconds;
    }

    /** user + system ticks of {@code pid}, 0 once it has gone. */
    private static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name is in parentheses and may hold spaces: count fields after its ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
