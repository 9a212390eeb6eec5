package io.wmon.bench.capacity;

import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.heartbeat.HeartbeatWriter;
import io.wmon.core.record.WorkerRecord;
import io.wmon.core.record.WorkerState;
import io.wmon.core.redis.RedisUnavailableException;
import io.wmon.core.redis.SharedPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * Simulated agents with the ids {@code sim-<first>} to {@code sim-<first + count - 1>} on {@code threads}
 * sender threads: each worker beats every interval ± 5 % from a random first offset, sending the fields
 * that changed since its previous beat (beat, heap, CPU, counters), as the agent does, over one shared
 * pool of {@code threads} connections. Every beat is its own pipelined round trip, as an agent's is.
 */
final class SimulatedAgents {

    /** A beat that starts this much after it was due, ms, counts as late: the senders did not keep up. */
    static final long LATE_MILLIS = 1_000;

    private final SharedPool pool;
    private final FleetKeys keys;
    private final int first;
    private final int count;
    private final int threads;
    private final long intervalMillis;
    private final AtomicLong beats = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final LongAccumulator maxLagMillis = new LongAccumulator(Math::max, 0);
    private final List<Thread> senders = new ArrayList<>();
    private volatile boolean running = true;

    SimulatedAgents(SharedPool pool, FleetKeys keys, int first, int count, int threads, long intervalMillis) {
        this.pool = pool;
        this.keys = keys;
        this.first = first;
        this.count = count;
        this.threads = threads;
        this.intervalMillis = intervalMillis;
    }

    void start() {
        for (int t = 0; t < threads; t++) {
            int offset = t;
            Thread sender = new Thread(() -> send(offset), "sim-sender-" + t);
            sender.setDaemon(true);
            senders.add(sender);
            sender.start();
        }
    }

    /** Heartbeats written so far (failed ones not counted). */
    long beats() {
        return beats.get();
    }

    /** Beats that started more than {@link #LATE_MILLIS} after they were due. */
    long late() {
        return late.get();
    }

    /** Beats that failed (Redis unreachable, the breaker open). */
    long failed() {
        return failed.get();
    }

    /** The most any beat started after it was due since the previous call, ms. */
    long maxLagMillisSinceLastAsked() {
        return maxLagMillis.getThenReset();
    }

    void stop() throws InterruptedException {
        running = false;
        for (Thread sender : senders) {
            sender.join(10_000);
        }
    }

    private void send(int offset) {
        HeartbeatWriter writer = new HeartbeatWriter(pool, keys);
        PriorityQueue<Worker> due = new PriorityQueue<>((a, b) -> Long.compare(a.nextMillis, b.nextMillis));
        long now = System.currentTimeMillis();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = offset; i < count; i += threads) {
            due.add(new Worker("sim-" + (first + i), now + random.nextLong(intervalMillis)));
        }
        long jitter = intervalMillis / 20;
        while (running) {
            Worker next = due.peek();
            long wait = next.nextMillis - System.currentTimeMillis();
            if (wait > 0) {
                // Sleep until the next beat is due, but wake now and then to see whether to stop.
                try {
                    Thread.sleep(Math.min(wait, 100));
                } catch (InterruptedException e) {
                    return;
                }
                continue;
            }
            due.poll();
            maxLagMillis.accumulate(-wait);
            if (-wait > LATE_MILLIS) {
                late.incrementAndGet();
            }
            try {
                next.beat(writer, random);
                beats.incrementAndGet();
            } catch (RedisUnavailableException e) {
                failed.incrementAndGet();
                next.previous = null;
            }
            next.nextMillis += intervalMillis + random.nextLong(-jitter, jitter + 1);
            due.add(next);
        }
    }

    /** One simulated agent: its id, its counters, what it wrote last. */
    private final class Worker {
        final String id;
        final long started = System.currentTimeMillis();
        long nextMillis;
        long processed;
        Map<String, String> previous;

        Worker(String id, long nextMillis) {
            this.id = id;
            this.nextMillis = nextMillis;
        }

        void beat(HeartbeatWriter writer, ThreadLocalRandom random) {
            processed += random.nextInt(20);
            WorkerRecord record = WorkerRecord.builder().id(id).host("sim-host-" + (id.hashCode() & 0xff)).pid(4242)
                    .startedMillis(started).beatMillis(System.currentTimeMillis()).intervalMillis(intervalMillis)
                    .state(random.nextInt(10) < 7 ? WorkerState.BUSY : WorkerState.IDLE)
                    .job("job-" + random.nextInt(1_000_000)).processedCount(processed).failedCount(processed / 100)
                    .agentVersion("0.1.0").javaVersion("17.0.15").heapUsedBytes(50_000_000L + random.nextInt(50_000_000))
                    .heapMaxBytes(1_073_741_824L).threadCount(30 + random.nextInt(5)).cpuLoad(random.nextDouble() / 10)
                    .poolActive(0).poolIdle(1).poolMaxTotal(4).redisRoundTripMicros(100 + random.nextInt(200)).build();
            previous = writer.writeChanges(record, previous);
        }
    }
}
