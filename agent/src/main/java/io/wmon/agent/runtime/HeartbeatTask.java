package io.wmon.agent.runtime;

import io.wmon.agent.census.LeakAlarm;
import io.wmon.agent.census.SocketCensus;
import io.wmon.agent.census.SocketCount;
import io.wmon.agent.metrics.AppPoolCensus;
import io.wmon.core.event.EventType;
import io.wmon.core.event.FleetEvent;
import io.wmon.core.heartbeat.HeartbeatWriter;
import io.wmon.core.record.WorkerRecord;
import io.wmon.core.redis.PoolUsage;
import io.wmon.core.redis.RedisUnavailableException;
import io.wmon.core.redis.SharedPool;
import java.util.Map;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One heartbeat: take the socket census and let the leak alarm see it, assemble the record, write it
 * in one round trip with the worker's waiting events riding in the same pipeline, keep the
 * statistics, and publish the worker snapshot that the MBean getters read until the next beat or
 * state change. A rise of the pool's exhausted count since the last beat becomes a
 * {@code pool_exhausted} event in that same round trip.
 *
 * <p>The census comes first and is published at once, so that a listener of the alarm's notification
 * reads the counts that raised it; it runs whether Redis answers or not, as it reads only {@code /proc}.
 *
 * <p>Runs only on the agent's scheduler thread. A failed beat is counted and logged as
 * {@link OutageLog} says (a line when an outage starts, one when it ends, a summary a minute in
 * between); it never throws, so the schedule goes on.
 */
final class HeartbeatTask implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatTask.class);

    private final SharedPool pool;
    private final HeartbeatWriter writer;
    private final RecordAssembler assembler;
    private final HeartbeatStats stats;
    private final WorkerStateTracker tracker;
    private final SnapshotPublisher snapshots;
    private final LongConsumer exhaustionListener;
    private final Runnable afterBeat;
    private final EventOutbox events;
    private final SocketCensus sockets;
    private final LeakAlarm leak;
    private final OutageLog outages;
    private long lastExhaustedCount;
    // The hash as last written, so that the next beat sends only what changed; null: write it whole.
    private Map<String, String> lastWritten;

    HeartbeatTask(SharedPool pool, HeartbeatWriter writer, RecordAssembler assembler, HeartbeatStats stats,
            WorkerStateTracker tracker, SnapshotPublisher snapshots, LongConsumer exhaustionListener,
            Runnable afterBeat, EventOutbox events, SocketCensus sockets, LeakAlarm leak) {
        this.afterBeat = afterBeat;
        this.pool = pool;
        this.writer = writer;
        this.assembler = assembler;
        this.stats = stats;
        this.tracker = tracker;
        this.snapshots = snapshots;
        this.exhaustionListener = exhaustionListener;
        this.events = events;
        this.sockets = sockets;
        this.leak = leak;
        this.outages = new OutageLog(pool.endpoint().redacted());
        long interval = pool.settings().breakerDelays().first().toMillis();
        events.onWriteFailure(cause -> outages.callFailed(System.currentTimeMillis(), cause, interval));
    }

    @Override
    public void run() {
        try {
            beat();
            // The nodes a Sentinel or Cluster pool holds change with the calls (a failover, the first call).
            afterBeat.run();
        } catch (RuntimeException e) {
            // Never let an exception cancel the schedule.
            LOG.warn("wmon heartbeat failed unexpectedly: {}", e.toString());
        }
    }

    private void beat() {
        long now = System.currentTimeMillis();
        if (sockets.due()) {
            SocketCount census = sockets.take();
            snapshots.sockets(census, sockets.peak());
            leak.observe(census, now);
        }
        PoolUsage poolStats = pool.usage();
        AppPoolCensus.AppPools apps = assembler.countAppPools();
        WorkerRecord record = assembler.assemble(now, poolStats, apps);
        noticeExhaustion(record.id(), now, poolStats.exhaustedCount());
        EventOutbox.Ride ride = events.ride(pool);
        long start = System.nanoTime();
        try {
            lastWritten = writer.writeChanges(record, lastWritten, ride);
        } catch (RedisUnavailableException | IllegalStateException e) {
            ride.settle();
            lastWritten = null;
            stats.failed();
            snapshots.beat(apps);
            outages.failed(now, e.getMessage(), record.intervalMillis());
            return;
        }
        ride.settle();
        events.beatLanded();
        stats.succeeded(now, (System.nanoTime() - start) / 1_000);
        outages.succeeded(now);
        tracker.startedUp();
        snapshots.beat(apps);
    }

    private void noticeExhaustion(String worker, long nowMillis, long exhaustedCount) {
        if (exhaustedCount > lastExhaustedCount) {
            long rise = exhaustedCount - lastExhaustedCount;
            events.add(FleetEvent.of(EventType.POOL_EXHAUSTED, worker, Long.toString(lastExhaustedCount),
                    Long.toString(exhaustedCount), nowMillis, rise + " borrow" + (rise == 1 ? "" : "s")
                            + " found all " + pool.settings().maxTotal() + " connections in use since the last beat"));
            lastExhaustedCount = exhaustedCount;
            exhaustionListener.accept(exhaustedCount);
        }
    }
}
