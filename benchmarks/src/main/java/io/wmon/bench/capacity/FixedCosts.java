package io.wmon.bench.capacity;

import io.wmon.bench.Stats;
import io.wmon.core.event.EventAppender;
import io.wmon.core.event.EventType;
import io.wmon.core.event.FleetEvent;
import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.redis.SharedPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientType;

/**
 * Memory that does not grow with the beats: the event stream at its cap (appended with the core's
 * {@link EventAppender}, {@code MAXLEN ~ 10000}, state events as agents write them) and idle named
 * connections, one per agent in a real fleet (the generators multiplex many simulated agents over a few).
 */
final class FixedCosts {

    private static final int EVENTS = 12_000;
    private static final int BATCH = 500;
    private static final long IDLE_MILLIS = 5_000;

    private FixedCosts() {
    }

    static String measure(Jedis admin, SharedPool pool, FleetKeys keys, int connections)
            throws InterruptedException {
        admin.flushAll();
        EventAppender appender = new EventAppender(keys);
        Random random = new Random(42);
        for (int done = 0; done < EVENTS; done += BATCH) {
            List<FleetEvent> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                batch.add(FleetEvent.of(EventType.STATE, "sim-" + random.nextInt(100_000), "idle", "busy",
                        System.currentTimeMillis(), "job-" + random.nextInt(1_000_000)));
            }
            appender.append(pool, batch);
        }
        long entries = admin.xlen(appender.key());
        long streamBytes = admin.memoryUsage(appender.key(), 0);

        // Redis's idle CPU (its cron) without and then with the connections, over the same time.
        RedisCounters quietStart = RedisCounters.of(admin);
        Thread.sleep(IDLE_MILLIS);
        RedisCounters quietEnd = RedisCounters.of(admin);
        List<Jedis> open = new ArrayList<>(connections);
        try {
            for (int i = 0; i < connections; i++) {
                Jedis connection = new Jedis(pool.endpoint().host(), pool.endpoint().port());
                open.add(connection);
                connection.clientSetname("wmon:agent:" + keys.namespace() + ":sim-" + i);
            }
            // Redis shrinks an idle client's query and reply buffers in its cron (after 2 s idle, 7.0);
            // an agent's connection sits idle between beats.
            Thread.sleep(IDLE_MILLIS);
            RedisCounters idleStart = RedisCounters.of(admin);
            Thread.sleep(IDLE_MILLIS);
            RedisCounters idleEnd = RedisCounters.of(admin);
            long connected = admin.clientList(ClientType.NORMAL).lines().count();
            double quietCpu = (quietEnd.cpuSeconds() - quietStart.cpuSeconds()) / quietEnd.secondsSince(quietStart);
            double idleCpu = (idleEnd.cpuSeconds() - idleStart.cpuSeconds()) / idleEnd.secondsSince(idleStart);
            long bytes = idleEnd.usedMemoryBytes() - quietEnd.usedMemoryBytes();
            return Stats.fmt("| fixed cost | measured |%n|---|---|%n"
                    + "| event stream after %,d appends (`MAXLEN ~ %,d`) | %,d entries, %,d B (%.0f B per entry) |%n"
                    + "| %,d named connections idle for %d s (%,d clients listed) | %,d B (%,d B per connection) |%n"
                    + "| Redis's CPU while idle, without / with those connections | %.2f / %.2f %% of a core "
                    + "(%.2f µs per connection per second) |",
                    EVENTS, EventAppender.MAX_LENGTH, entries, streamBytes, (double) streamBytes / entries,
                    connections, IDLE_MILLIS / 1_000, connected, bytes, bytes / connections,
                    100 * quietCpu, 100 * idleCpu, (idleCpu - quietCpu) * 1e6 / connections);
        } finally {
            open.forEach(Jedis::close);
        }
    }
}
