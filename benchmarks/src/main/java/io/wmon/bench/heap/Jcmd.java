package io.wmon.bench.heap;

import io.wmon.bench.Jdk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code jcmd} against one worker: full GCs, used heap, and the live class histogram. */
final class Jcmd {

    private static final Pattern USED = Pattern.compile("used (\\d+)K");
    private static final Pattern COUNTER = Pattern.compile("^([\\w.]+)=(\\d+)$", Pattern.MULTILINE);
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)");

    private final Jdk jdk;
    private final long pid;

    Jcmd(Jdk jdk, long pid) {
        this.jdk = jdk;
        this.pid = pid;
    }

    void fullGc() throws IOException, InterruptedException {
        run("GC.run");
    }

    /** Used heap in bytes, from {@code GC.heap_info} (KiB resolution). */
    long usedHeap() throws IOException, InterruptedException {
        Matcher m = USED.matcher(run("GC.heap_info"));
        if (!m.find()) {
            throw new IllegalStateException("no 'used' in GC.heap_info of " + pid);
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    /** The JVM's numeric perf counters ({@code PerfCounter.print}), e.g. {@code sun.gc.metaspace.used}. */
    Map<String, Long> counters() throws IOException, InterruptedException {
        Map<String, Long> counters = new HashMap<>();
        Matcher m = COUNTER.matcher(run("PerfCounter.print"));
        while (m.find()) {
            counters.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return counters;
    }

    /** Bytes of live objects per class ({@code GC.class_histogram}, which collects first). */
    Map<String, Long> histogram() throws IOException, InterruptedException {
        Map<String, Long> bytes = new HashMap<>();
        for (String line : run("GC.class_histogram").split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                bytes.merge(m.group(2), Long.parseLong(m.group(1)), Long::sum);
            }
        }
        return bytes;
    }

    private String run(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(jdk.jcmd(), Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + out);
        }
        return out;
    }
}
