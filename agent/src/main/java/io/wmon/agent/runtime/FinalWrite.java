package io.wmon.agent.runtime;

import io.wmon.core.event.EventType;
import io.wmon.core.event.FleetEvent;
import io.wmon.core.heartbeat.HeartbeatWriter;
import io.wmon.core.record.WorkerRecord;
import io.wmon.core.record.WorkerState;
import io.wmon.core.redis.SharedPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last write of a stopping agent: {@code state=stopped}, removal from the registry, and the
 * worker's last events ({@code down} among them) in the same round trip.
 *
 * <p>Runs on its own daemon thread and is waited for at most a bound, because a frozen Redis
 * would otherwise hold the JVM's exit for a whole socket timeout.
 */
final class FinalWrite {

    private static final Logger LOG = LoggerFactory.getLogger(FinalWrite.class);

    private final HeartbeatWriter writer;
    private final RecordAssembler assembler;
    private final SharedPool pool;
    private final EventOutbox events;

    FinalWrite(HeartbeatWriter writer, RecordAssembler assembler, SharedPool pool, EventOutbox events) {
        this.writer = writer;
        this.assembler = assembler;
        this.pool = pool;
        this.events = events;
    }

    void markStopped(long boundMillis) {
        Thread write = new Thread(this::write, "wmon-final-write");
        write.setDaemon(true);
        write.start();
        try {
            write.join(boundMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (write.isAlive()) {
            LOG.warn("wmon agent: Redis did not confirm state=stopped within {} ms; the record will expire", boundMillis);
        }
    }

    private void write() {
        try {
            long now = System.currentTimeMillis();
            WorkerRecord last = assembler.assembleFinal(now, WorkerState.STOPPED, pool.usage(), assembler.countAppPools());
            events.add(FleetEvent.of(EventType.DOWN, last.id(), WorkerState.STOPPING.wire(), WorkerState.STOPPED.wire(),
                    now, "the agent stopped"));
            EventOutbox.Ride ride = events.ride(pool);
            try {
                writer.markStopped(last, ride);
            } finally {
                ride.settle();
            }
        } catch (RuntimeException e) {
            LOG.warn("wmon agent: could not write state=stopped: {}", e.getMessage());
        }
    }

}
