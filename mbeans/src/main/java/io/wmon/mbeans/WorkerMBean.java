package io.wmon.mbeans;

import java.util.Objects;
import java.util.function.Supplier;
import javax.management.Notification;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;

/**
 * The {@link WorkerMXBean} of this JVM, reading the snapshot the agent published last.
 *
 * <p>A getter returns one value of that snapshot, and {@code getAttributes} answers every name from
 * the same one; nothing touches Redis, so the supplier must be cheap and non-blocking (the read of
 * one reference the agent replaces after each beat and state change). A supplier that returns null
 * reads as {@link WorkerSnapshot#UNKNOWN}.
 *
 * <p>{@link #stateChanged} emits an {@value NotificationTypes#WORKER_STATE} notification, {@link #connectionLeak}
 * an {@value NotificationTypes#CONNECTIONS_LEAK} one. Each is a
 * plain {@link Notification}, not an {@code AttributeChangeNotification}, because the latter's
 * type is fixed to {@code jmx.attribute.change}; the user data is {@link #STATE_CHANGE_TYPE} and {@link #LEAK_TYPE}.
 */
public final class WorkerMBean extends NotifyingMBean<WorkerSnapshot> implements WorkerMXBean {

    private static final String[] STATE_CHANGE_ITEMS = {"worker", "from", "to", "job"};

    /** User data of {@value NotificationTypes#WORKER_STATE}: worker id, previous and new state, job id (all strings, empty when unknown). */
    public static final CompositeType STATE_CHANGE_TYPE = compositeType("io.wmon.WorkerStateChange",
            "a worker's state change", STATE_CHANGE_ITEMS,
            new String[] {"worker id", "state before the change", "state after the change",
                "id of the job in the new state, empty when none"},
            new OpenType<?>[] {SimpleType.STRING, SimpleType.STRING, SimpleType.STRING, SimpleType.STRING});

    private static final String[] LEAK_ITEMS = {"worker", "alarm", "redisSockets", "appSockets", "leakThreshold",
        "reason"};

    /**
     * User data of {@value NotificationTypes#CONNECTIONS_LEAK}: worker id, {@code raised} or {@code cleared}, the
     * census's Redis sockets and the application's among them, the threshold, and why, one line.
     */
    public static final CompositeType LEAK_TYPE = compositeType("io.wmon.ConnectionLeak",
            "the connection-leak alarm was raised or cleared", LEAK_ITEMS,
            new String[] {"worker id", "raised or cleared", "established sockets of the JVM to Redis at the census",
                "those not the agent's own", "the leakThreshold= in effect", "why, one line"},
            new OpenType<?>[] {SimpleType.STRING, SimpleType.STRING, SimpleType.INTEGER, SimpleType.INTEGER,
                SimpleType.INTEGER, SimpleType.STRING});

    /** {@code alarm} of {@link #LEAK_TYPE} when the alarm goes up. */
    public static final String LEAK_RAISED = "raised";
    /** {@code alarm} of {@link #LEAK_TYPE} when the count fell back. */
    public static final String LEAK_CLEARED = "cleared";

    private final Supplier<WorkerSnapshot> snapshots;

    /** @param snapshots the agent's latest snapshot; called once per attribute read or getAttributes call */
    public WorkerMBean(Supplier<WorkerSnapshot> snapshots) {
        super(WorkerMXBean.class, NotificationTypes.WORKER_STATE, NotificationTypes.CONNECTIONS_LEAK);
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
    }

    /**
     * Emits {@value NotificationTypes#WORKER_STATE}; null arguments become empty strings.
     *
     * @param from the state before, e.g. {@code idle}
     * @param to the state now, e.g. {@code busy}
     * @param job the job being processed in the new state, or null
     */
    public void stateChanged(String from, String to, String job) {
        String worker = snapshot().id();
        String f = from == null ? "" : from;
        String t = to == null ? "" : to;
        String j = job == null ? "" : job;
        String message = "worker " + worker + ": " + f + " -> " + t + (j.isEmpty() ? "" : " (job " + j + ")");
        emit(NotificationTypes.WORKER_STATE, message,
                compositeData(STATE_CHANGE_TYPE, STATE_CHANGE_ITEMS, new Object[] {worker, f, t, j}));
    }

    /**
     * Emits {@value NotificationTypes#CONNECTIONS_LEAK}.
     *
     * @param raised true when the alarm goes up, false when it clears
     * @param redisSockets the census's count of the JVM's Redis sockets
     * @param appSockets those not the agent's own
     * @param leakThreshold the threshold in effect
     * @param reason why, one line, e.g. {@code 40 Redis sockets, more than leakThreshold 32}
     */
    public void connectionLeak(boolean raised, int redisSockets, int appSockets, int leakThreshold, String reason) {
        String worker = snapshot().id();
        String why = reason == null ? "" : reason;
        String message = "worker " + worker + ": connection-leak alarm " + (raised ? LEAK_RAISED : LEAK_CLEARED) + ": "
                + why;
        emit(NotificationTypes.CONNECTIONS_LEAK, message, compositeData(LEAK_TYPE, LEAK_ITEMS,
                new Object[] {worker, raised ? LEAK_RAISED : LEAK_CLEARED, redisSockets, appSockets, leakThreshold, why}));
    }

    @Override
    WorkerSnapshot capture() {
        WorkerSnapshot s = snapshots.get();
        return s == null ? WorkerSnapshot.UNKNOWN : s;
    }

    @Override
    public String getId() {
        return snapshot().id();
    }

    @Override
    public String getNamespace() {
        return snapshot().namespace();
    }

    @Override
    public String getHost() {
        return snapshot().host();
    }

    @Override
    public long getPid() {
        return snapshot().pid();
    }

    @Override
    public String getState() {
        return snapshot().state();
    }

    @Override
    public String getCurrentJob() {
        return snapshot().currentJob();
    }

    @Override
    public long getStartedAtMillis() {
        return snapshot().startedAtMillis();
    }

    @Override
    public long getLastHeartbeatMillis() {
        return snapshot().lastHeartbeatMillis();
    }

    @Override
    public long getHeartbeatCount() {
        return snapshot().heartbeatCount();
    }

    @Override
    public long getHeartbeatFailureCount() {
        return snapshot().heartbeatFailureCount();
    }

    @Override
    public long getJobsProcessedCount() {
        return snapshot().jobsProcessedCount();
    }

    @Override
    public long getJobsFailedCount() {
        return snapshot().jobsFailedCount();
    }

    @Override
    public long getRedisRoundTripMicros() {
        return snapshot().redisRoundTripMicros();
    }

    @Override
    public boolean isRedisAvailable() {
        return snapshot().redisAvailable();
    }

    @Override
    public int getAppPoolCount() {
        return snapshot().appPoolCount();
    }

    @Override
    public int getAppActiveConnections() {
        return snapshot().appActiveConnections();
    }

    @Override
    public int getAppIdleConnections() {
        return snapshot().appIdleConnections();
    }

    @Override
    public int getRedisSocketCount() {
        return snapshot().redisSocketCount();
    }

    @Override
    public int getAppRedisSocketCount() {
        return snapshot().appRedisSocketCount();
    }

    @Override
    public int getRedisSocketPeak() {
        return snapshot().redisSocketPeak();
    }

    @Override
    public long getTruncatedValueCount() {
        return snapshot().truncatedValueCount();
    }

    @Override
    public long getEventsDroppedCount() {
        return snapshot().eventsDroppedCount();
    }
}
