package io.wmon.agent.fleet;

import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.fleet.FleetReader;
import io.wmon.core.redis.SharedPool;
import io.wmon.mbeans.FleetMBean;

import java.time.Clock;

/**
 * What {@code fleet=true} adds to the agent: the {@link FleetMBean} of the agent's namespace, the
 * cache it reads and the thread that refreshes it over the agent's shared pool.
 */
public final class FleetService {

    private final FleetMBean bean;
    private final FleetRefresher refresher;

    private FleetService(FleetMBean bean, FleetRefresher refresher) {
        this.bean = bean;
        this.refresher = refresher;
    }

    /**
     * Builds the bean and its refresher; nothing is read until the bean is read or listened to.
     *
     * @param intervalMillis the least time between two fleet reads, ms (the heartbeat interval)
     */
    public static FleetService create(SharedPool pool, String namespace, long intervalMillis) {
        FleetReader reader = new FleetReader(pool, FleetKeys.of(namespace), Clock.systemUTC());
        FleetCache cache = new FleetCache(reader);
        FleetMBean bean = new FleetMBean(namespace, cache);
        FleetRefresher refresher = new FleetRefresher(intervalMillis, cache::refresh, bean::hasListeners);
        cache.connect(refresher::wanted, bean::workerStale);
        return new FleetService(bean, refresher);
    }

    /** The bean to register at {@code io.wmon:type=Fleet,namespace=<NS>}. */
    public FleetMBean bean() {
        return bean;
    }

    /**
     * Stops reading without waiting for a read in progress (it fails on the closed pool and is
     * dropped), so that {@code fleet=true} adds nothing to the agent's stop time.
     */
    public void stop() {
        refresher.shutdown(0);
    }
}
