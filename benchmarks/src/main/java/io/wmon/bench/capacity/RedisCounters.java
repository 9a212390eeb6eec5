package io.wmon.bench.capacity;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.Jedis;

/**
 * Redis's own counters at one moment, from one {@code INFO everything}: its CPU seconds (user + system),
 * the microseconds {@code INFO commandstats} charged to every command and to the fleet read's two
 * ({@code zrange}, {@code hgetall}), bytes received and sent, and memory in use.
 */
record RedisCounters(long nanos, double cpuSeconds, long commandMicros, long readCommandMicros, long bytesIn,
        long bytesOut, long usedMemoryBytes, long infoReplyBytes) {

    private static final Pattern CPU = Pattern.compile("^used_cpu_(?:user|sys):([0-9.]+)", Pattern.MULTILINE);
    private static final Pattern USEC = Pattern.compile("^cmdstat_([\\w|]+):calls=\\d+,usec=(\\d+)", Pattern.MULTILINE);

    static RedisCounters of(Jedis admin) {
        String info = admin.info("everything");
        long nanos = System.nanoTime();
        double cpu = 0;
        Matcher c = CPU.matcher(info);
        while (c.find()) {
            cpu += Double.parseDouble(c.group(1));
        }
        long micros = 0;
        long readMicros = 0;
        Matcher u = USEC.matcher(info);
        while (u.find()) {
            long usec = Long.parseLong(u.group(2));
            micros += usec;
            if (u.group(1).equals("zrange") || u.group(1).equals("hgetall")) {
                readMicros += usec;
            }
        }
        // The reply's own bytes: a bulk string header ($<length>\r\n) and its trailing \r\n.
        long replyBytes = info.length() + String.valueOf(info.length()).length() + 5;
        return new RedisCounters(nanos, cpu, micros, readMicros, field(info, "total_net_input_bytes"),
                field(info, "total_net_output_bytes"), field(info, "used_memory"), replyBytes);
    }

    /** The server's process id, to find its CPU time in {@code /proc} when it runs on this machine. */
    static long processId(Jedis admin) {
        return field(admin.info("server"), "process_id");
    }

    double secondsSince(RedisCounters earlier) {
        return (nanos - earlier.nanos) / 1e9;
    }

    private static long field(String info, String name) {
        Matcher m = Pattern.compile("^" + name + ":(\\d+)", Pattern.MULTILINE).matcher(info);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
