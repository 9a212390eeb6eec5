package io.wmon.mbeans;

import io.wmon.core.fleet.WorkerEntry;
import io.wmon.core.record.WorkerState;

import java.util.Objects;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import javax.management.ListenerNotFoundException;
import javax.management.NotificationFilter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import javax.management.openmbean.TabularData;
import javax.management.openmbean.TabularDataSupport;

/**
 * The {@link FleetMXBean} of one namespace, and its notification {@value NotificationTypes#FLEET_STALE}.
 *
 * <p>It reads the {@link FleetView} its supplier holds (the agent's fleet cache) and never Redis.
 * Every getter calls the supplier, which is how the agent learns that the fleet is wanted. It
 * counts its notification listeners ({@link #hasListeners()}) so that the agent keeps reading the
 * fleet while someone waits for {@value NotificationTypes#FLEET_STALE}, even if nobody polls.
 */
public final class FleetMBean extends NotifyingMBean<FleetView> implements FleetMXBean {

    private static final String[] STALE_ITEMS = {"namespace", "worker", "host", "status", "ageMillis"};

    /** User data of {@value NotificationTypes#FLEET_STALE}. */
    public static final CompositeType STALE_TYPE = compositeType("io.wmon.FleetWorkerStale",
            "a worker of the fleet stopped heartbeating", STALE_ITEMS,
            new String[] {"fleet namespace", "worker id", "host name the worker reported; empty when unknown",
                "stale (its record remains) or gone (its record expired)",
                "time since its last beat when noticed, milliseconds"},
            new OpenType<?>[] {SimpleType.STRING, SimpleType.STRING, SimpleType.STRING, SimpleType.STRING,
                SimpleType.LONG});

    private final String namespace;
    private final Supplier<FleetView> views;
    // Registrations per listener, so that removing one of two registrations keeps the listener counted.
    private final Map<NotificationListener, Integer> registrations = new ConcurrentHashMap<>();

    /**
     * @param namespace the namespace the views describe
     * @param views the latest view; called by every getter, so it must be cheap and never block
     */
    public FleetMBean(String namespace, Supplier<FleetView> views) {
        super(FleetMXBean.class, false, NotificationTypes.FLEET_STALE);
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.views = Objects.requireNonNull(views, "views");
    }

    /** Sends {@value NotificationTypes#FLEET_STALE} for a worker that was alive and is not any more. */
    public void workerStale(WorkerEntry entry) {
        String host = entry.record() == null ? "" : entry.record().host();
        String status = entry.status().name().toLowerCase(java.util.Locale.ROOT);
        // Noticed now, maybe from an event after the read that measured the entry's age: measure it again.
        long age = entry.beatMillis() > 0 ? Math.max(entry.ageMillis(), System.currentTimeMillis() - entry.beatMillis())
                : entry.ageMillis();
        String message = "worker " + entry.id() + " of namespace " + namespace + " is " + status + ": last beat "
                + age + " ms ago";
        emit(NotificationTypes.FLEET_STALE, message, compositeData(STALE_TYPE, STALE_ITEMS,
                new Object[] {namespace, entry.id(), host, status, age}));
    }

    /** Whether a notification listener is registered: the agent then reads the fleet even when nobody polls. */
    public boolean hasListeners() {
        return !registrations.isEmpty();
    }

    @Override
    public void addNotificationListener(NotificationListener listener, NotificationFilter filter, Object handback) {
        super.addNotificationListener(listener, filter, handback);
        registrations.merge(listener, 1, Integer::sum);
        views.get(); // a listener wants the fleet read even if nobody polls
    }

    @Override
    public void removeNotificationListener(NotificationListener listener) throws ListenerNotFoundException {
        super.removeNotificationListener(listener); // every registration of this listener
        registrations.remove(listener);
    }

    @Override
    public void removeNotificationListener(NotificationListener listener, NotificationFilter filter, Object handback)
            throws ListenerNotFoundException {
        super.removeNotificationListener(listener, filter, handback); // exactly one registration
        registrations.computeIfPresent(listener, (l, n) -> n > 1 ? n - 1 : null);
    }

    @Override
    FleetView capture() {
        return views.get();
    }

    @Override
    public String getNamespace() {
        return namespace;
    }

    @Override
    public int getWorkerCount() {
        return snapshot().workerCount();
    }

    @Override
    public int getAliveCount() {
        return snapshot().aliveCount();
    }

    @Override
    public int getStaleCount() {
        return snapshot().staleCount();
    }

    @Override
    public int getGoneCount() {
        return snapshot().goneCount();
    }

    @Override
    public int getInvalidCount() {
        return snapshot().invalidCount();
    }

    @Override
    public int getBusyCount() {
        return snapshot().stateCount(WorkerState.BUSY);
    }

    @Override
    public int getIdleCount() {
        return snapshot().stateCount(WorkerState.IDLE);
    }

    @Override
    public int getPausedCount() {
        return snapshot().stateCount(WorkerState.PAUSED);
    }

    @Override
    public TabularData getWorkers() {
        // A copy, so that an in-process caller that changes it cannot change what the next caller reads.
        return (TabularData) ((TabularDataSupport) snapshot().workers()).clone();
    }

    @Override
    public long getReadAtMillis() {
        return snapshot().readAtMillis();
    }

    @Override
    public long getFleetReadCount() {
        return snapshot().readCount();
    }

    @Override
    public String getLastReadError() {
        return snapshot().lastReadError();
    }
}
