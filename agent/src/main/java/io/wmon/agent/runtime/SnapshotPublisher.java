package io.wmon.agent.runtime;

import io.wmon.agent.census.SocketCount;
import io.wmon.agent.metrics.AppPoolCensus;
import io.wmon.core.record.WorkerState;
import io.wmon.mbeans.WorkerSnapshot;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Publishes the worker's {@link WorkerSnapshot} through one reference: a new one after every
 * heartbeat and every state change, none in between. The Worker MBean's getters read that
 * reference, so they cost a volatile read and never wait on Redis.
 *
 * <p>Each source is itself one immutable value (the tracker's activity, the heartbeat's totals,
 * the last application-pool census, the last socket census and its peak), so a snapshot is consistent within each; building and
 * storing happen under this object's lock, so the last snapshot stored is built from the newest
 * values even when a state change and a beat publish at the same time.
 */
final class SnapshotPublisher implements Supplier<WorkerSnapshot> {

    private final WorkerIdentity identity;
    private final WorkerStateTracker tracker;
    private final HeartbeatStats stats;
    private final TextLimits limits;
    private final LongSupplier eventsDropped;
    private AppPoolCensus.AppPools lastAppPools;
    private SocketCount lastSockets = SocketCount.UNKNOWN;
    private int socketPeak = -1;
    private volatile WorkerSnapshot current;

    SnapshotPublisher(WorkerIdentity identity, WorkerStateTracker tracker, HeartbeatStats stats,
            TextLimits limits, LongSupplier eventsDropped) {
        this.identity = identity;
        this.tracker = tracker;
        this.stats = stats;
        this.limits = limits;
        this.eventsDropped = eventsDropped;
        publish();
    }

    /** The snapshot published last; never null. */
    @Override
    public WorkerSnapshot get() {
        return current;
    }

    /** After a heartbeat, with the application pools it counted. */
    synchronized void beat(AppPoolCensus.AppPools apps) {
        lastAppPools = apps;
        publish();
    }

    /** After a socket census, before the leak alarm looks at it. */
    synchronized void sockets(SocketCount census, int peak) {
        lastSockets = census;
        socketPeak = peak;
        publish();
    }

    /** After the tracker reported a change of state. */
    synchronized void publish() {
        WorkerStateTracker.Activity activity = tracker.activity();
        HeartbeatStats.Totals beats = stats.totals();
        AppPoolCensus.AppPools apps = lastAppPools;
        current = WorkerSnapshot.builder()
                .id(identity.id())
                .namespace(identity.namespace())
                .host(identity.host())
                .pid(identity.pid())
                .state(activity.state().wire())
                .currentJob(activity.state() == WorkerState.BUSY ? activity.job() : "")
                .startedAtMillis(identity.startedMillis())
                .lastHeartbeatMillis(beats.lastBeatMillis)
                .heartbeatCount(beats.beats)
                .heartbeatFailureCount(beats.failures)
                .jobsProcessedCount(activity.processed())
                .jobsFailedCount(activity.failed())
                .redisRoundTripMicros(beats.lastRoundTripMicros)
                .redisAvailable(beats.redisAvailable)
                .appPoolCount(apps == null ? -1 : (int) apps.pools())
                .appActiveConnections(apps == null ? -1 : (int) apps.active())
                .appIdleConnections(apps == null ? -1 : (int) apps.idle())
                .redisSocketCount(lastSockets.redisSockets())
                .appRedisSocketCount(lastSockets.appSockets())
                .redisSocketPeak(socketPeak)
                .truncatedValueCount(limits.cutCount())
                .eventsDroppedCount(eventsDropped.getAsLong())
                .build();
    }
}
