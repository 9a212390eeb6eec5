package io.wmon.bench.continuous;

import io.wmon.bench.Args;
import io.wmon.bench.Stats;
import io.wmon.cli.fleetview.EventFedFleetRead;
import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.fleet.FleetReader;
import io.wmon.core.fleet.FleetSnapshot;
import io.wmon.core.record.WorkerRecord;
import io.wmon.core.record.WorkerRecordCodec;
import io.wmon.core.record.WorkerState;
import io.wmon.core.redis.PoolSettings;
import io.wmon.core.redis.RedisEndpoint;
import io.wmon.core.redis.SharedPool;
import io.wmon.core.redis.SharedPoolRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.params.XAddParams;

/**
 * Measures one {@code status --continuous} cycle over a fleet of {@code --workers} records where
 * {@code --change-percent} of the workers change state per interval, two ways, on one Redis:
 *
 * <ul>
 *   <li><b>full</b>: the CLI's {@link FleetReader#read()} every cycle ({@code ZRANGE} + pipelined {@code HGETALL}s);
 *   <li><b>events</b>: the CLI's {@code EventFedFleetRead} between its full reads: {@code ZRANGE …
 *       WITHSCORES} (every worker's last beat, so ages and staleness stay exact), {@code XINFO} and
 *       {@code XREAD} of the events since the last cycle, and {@code HGETALL} of the workers those
 *       events name only.
 * </ul>
 *
 * <p>Between cycles every worker beats (score and {@code beat} field) and the changing ones write
 * their state and an event, as agents would; only the reader's commands are counted ({@code INFO
 * commandstats}: calls and microseconds of {@code zrange}, {@code hgetall}, {@code xread}), with the
 * reader's wall time and the bytes Redis sent.
 *
 * <p>Usage: {@code java -cp cli/target/wmon.jar:benchmarks/target/wmon-benchmarks.jar
 * io.wmon.bench.continuous.ContinuousReadBench --redis redis://127.0.0.1:PORT [--workers 10000]
 * [--change-percent 1] [--cycles 15]}. It flushes the Redis it is given: start one for it.
 */
public final class ContinuousReadBench {

    private static final String NS = "bench-continuous";
    private static final FleetKeys KEYS = FleetKeys.of(NS);
    private static final String EVENTS = "wmon:{" + NS + "}:events";
    private static final Pattern STAT = Pattern.compile("^cmdstat_([\\w|]+):calls=(\\d+),usec=(\\d+)", Pattern.MULTILINE);
    private static final Pattern NET_OUT = Pattern.compile("^total_net_output_bytes:(\\d+)", Pattern.MULTILINE);

    private final int workers;
    private final int changing;
    private final Random random = new Random(42);
    private final Jedis writer;
    private final Jedis admin;
    private long now = System.currentTimeMillis();

    private ContinuousReadBench(RedisEndpoint endpoint, int workers, double changePercent) {
        this.workers = workers;
        this.changing = Math.max(1, (int) Math.round(workers * changePercent / 100));
        this.writer = new Jedis(endpoint.host(), endpoint.port());
        this.admin = new Jedis(endpoint.host(), endpoint.port());
    }

    public static void main(String[] argv) {
        Args args = Args.parse(argv);
        RedisEndpoint endpoint = RedisEndpoint.parse(args.get("redis"));
        int workers = args.integer("workers", 10_000);
        double percent = Double.parseDouble(args.get("change-percent", "1"));
        int cycles = args.integer("cycles", 15);
        ContinuousReadBench bench = new ContinuousReadBench(endpoint, workers, percent);
        SharedPool pool = SharedPoolRegistry.jvm().acquire(endpoint, "wmon:cli:" + NS + ":bench",
                PoolSettings.defaults().withMaxTotal(1));
        try {
            bench.populate();
            Cost full = bench.measure(cycles, new FullRead(new FleetReader(pool, KEYS, Clock.systemUTC())));
            Cost events = bench.measure(cycles, new EventRead(pool));
            System.out.println(Stats.fmt("| %,d workers, %s %% change per interval | Redis µs per cycle (median) | "
                    + "commands per cycle | KB sent per cycle | reader ms per cycle (median) |", workers, percent));
            System.out.println("|---|---|---|---|---|");
            System.out.println(full.row("full read every cycle"));
            System.out.println(events.row("registry scores + events + changed hashes (EventFedFleetRead)"));
            System.out.println(Stats.fmt("ratio events/full: Redis µs %.3f, bytes %.3f", events.usec() / full.usec(),
                    events.bytes() / full.bytes()));
        } finally {
            pool.close();
            bench.writer.close();
            bench.admin.close();
        }
    }

    /** Writes every worker's whole record, as each agent's first beat would. */
    private void populate() {
        admin.flushAll();
        Pipeline p = writer.pipelined();
        for (int i = 0; i < workers; i++) {
            WorkerRecord record = record(id(i), WorkerState.IDLE);
            p.hset(KEYS.worker(record.id()), WorkerRecordCodec.encode(record));
            p.zadd(KEYS.workers(), now, record.id());
            if (i % 1_000 == 999) {
                p.sync();
            }
        }
        p.sync();
    }

    private static String id(int i) {
        return "worker-" + i;
    }

    private WorkerRecord record(String id, WorkerState state) {
        return WorkerRecord.builder().id(id).host("host-" + id).pid(1000).startedMillis(now - 60_000).beatMillis(now)
                .intervalMillis(5_000).state(state).job(state == WorkerState.BUSY ? "job-" + random.nextInt(1000) : "")
                .processedCount(random.nextInt(100_000)).failedCount(random.nextInt(100)).agentVersion("0.1.0")
                .javaVersion("17.0.15").heapUsedBytes(100_000_000L).heapMaxBytes(4_000_000_000L).threadCount(40)
                .cpuLoad(0.05).poolActive(0).poolIdle(1).poolMaxTotal(4).redisRoundTripMicros(150).build();
    }

    /** One interval of the fleet: every worker beats; {@code changing} of them change state and say so. */
    private void advance() {
        now += 5_000;
        Pipeline p = writer.pipelined();
        for (int i = 0; i < workers; i++) {
            p.zadd(KEYS.workers(), now, id(i));
            p.hset(KEYS.worker(id(i)), "beat", Long.toString(now));
            if (i % 1_000 == 999) {
                p.sync();
            }
        }
        for (int c = 0; c < changing; c++) {
            String id = id(random.nextInt(workers));
            String to = random.nextBoolean() ? "busy" : "idle";
            p.hset(KEYS.worker(id), "state", to);
            Map<String, String> event = new HashMap<>();
            event.put("type", "state");
            event.put("worker", id);
            event.put("from", "idle");
            event.put("to", to);
            event.put("ts", Long.toString(now));
            event.put("detail", "");
            p.xadd(EVENTS, XAddParams.xAddParams().maxLen(10_000).approximateTrimming(), event);
        }
        p.sync();
    }

    private Cost measure(int cycles, CycleRead read) {
        advance();
        read.cycle(); // the first cycle of either way is a full read; it is not what a steady view costs
        List<Double> usec = new ArrayList<>();
        List<Double> wall = new ArrayList<>();
        long commands = 0;
        long bytes = 0;
        for (int c = 0; c < cycles; c++) {
            advance();
            Map<String, long[]> before = commandStats();
            long outBefore = netOut();
            long started = System.nanoTime();
            read.cycle();
            wall.add((System.nanoTime() - started) / 1e6);
            long outAfter = netOut();
            Map<String, long[]> after = commandStats();
            long cycleUsec = 0;
            for (String command : List.of("zrange", "hgetall", "xread", "xinfo|stream")) {
                long[] b = before.getOrDefault(command, new long[2]);
                long[] a = after.getOrDefault(command, new long[2]);
                commands += a[0] - b[0];
                cycleUsec += a[1] - b[1];
            }
            usec.add((double) cycleUsec);
            // INFO's own reply is in the delta: subtract one INFO commandstats reply's size, measured.
            bytes += outAfter - outBefore - infoReplyBytes;
        }
        return new Cost(Stats.median(usec), commands / (double) cycles, bytes / (double) cycles, Stats.median(wall));
    }

    private long infoReplyBytes;

    private Map<String, long[]> commandStats() {
        String info = admin.info("commandstats");
        infoReplyBytes = info.length() + 16;
        Map<String, long[]> stats = new HashMap<>();
        Matcher m = STAT.matcher(info);
        while (m.find()) {
            stats.put(m.group(1), new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3))});
        }
        return stats;
    }

    private long netOut() {
        Matcher m = NET_OUT.matcher(admin.info("stats"));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** One refresh of the view. */
    private interface CycleRead {
        void cycle();
    }

    private static final class FullRead implements CycleRead {
        private final FleetReader reader;

        FullRead(FleetReader reader) {
            this.reader = reader;
        }

        @Override
        public void cycle() {
            FleetSnapshot snapshot = reader.read();
            if (snapshot.workerCount() == 0) {
                throw new IllegalStateException("empty fleet");
            }
        }
    }

    /** The CLI's own status --continuous read: registry scores, the events since the last cycle, changed hashes. */
    private static final class EventRead implements CycleRead {
        private final EventFedFleetRead read;

        EventRead(SharedPool pool) {
            this.read = new EventFedFleetRead(pool, new FleetReader(pool, KEYS, Clock.systemUTC()), KEYS, null,
                    Clock.systemUTC());
        }

        @Override
        public void cycle() {
            if (read.get().workerCount() == 0) {
                throw new IllegalStateException("empty fleet");
            }
        }
    }

    private record Cost(double usec, double commands, double bytes, double wallMillis) {
        String row(String way) {
            return Stats.fmt("| %s | %,.0f | %,.0f | %,.1f | %.1f |", way, usec, commands, bytes / 1024, wallMillis);
        }
    }
}
