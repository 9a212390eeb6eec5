package io.wmon.agent.fleet;

import io.wmon.core.event.EventStreamReader;
import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.fleet.FleetReader;
import io.wmon.core.redis.ConnectionNames;
import io.wmon.core.redis.SharedPool;
import io.wmon.mbeans.FleetMBean;

import io.wmon.core.upkeep.FleetUpkeep;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code fleet=true} adds to the agent: the {@link FleetMBean} of the agent's namespace, the
 * cache it reads, the thread that reads the whole fleet over the agent's shared pool when the bean
 * is wanted, and the thread that follows the event stream on the one dedicated connection
 * ({@code wmon:stream:<ns>:<id>}, the "+1" of the agent's connection budget).
 */
public final class FleetService {

    private static final Logger LOG = LoggerFactory.getLogger(FleetService.class);

    private final FleetMBean bean;
    private final FleetRefresher refresher;
    private final FleetEventFollower follower;

    private FleetService(FleetMBean bean, FleetRefresher refresher, FleetEventFollower follower) {
        this.bean = bean;
        this.refresher = refresher;
        this.follower = follower;
    }

    /**
     * Builds the bean and starts following the event stream; the fleet itself is read only once the
     * bean is read or listened to.
     *
     * @param intervalMillis the least time between two fleet reads, ms (the heartbeat interval)
     */
    public static FleetService start(SharedPool pool, String namespace, String workerId, long intervalMillis) {
        FleetKeys keys = FleetKeys.of(namespace);
        Clock clock = Clock.systemUTC();
        FleetCache cache = new FleetCache(new FleetReader(pool, keys, clock),
                new FleetUpkeep(pool, keys, clock, warning -> LOG.warn("wmon agent: {}", warning)));
        FleetMBean bean = new FleetMBean(namespace, cache);
        FleetRefresher refresher = new FleetRefresher(intervalMillis, cache::refresh, bean::hasListeners);
        cache.connect(refresher::wanted, bean::workerStale);
        FleetEventFollower follower = new FleetEventFollower(
                pool.openDedicated(ConnectionNames.stream(namespace, workerId), keys.events()), new EventStreamReader(keys),
                cache::apply, refresher::wanted, refusal -> LOG.warn("wmon agent: the Fleet MBean stops following the"
                        + " event stream: {}", refusal));
        follower.start();
        return new FleetService(bean, refresher, follower);
    }

    /** The bean to register at {@code io.wmon:type=Fleet,namespace=<NS>}. */
    public FleetMBean bean() {
        return bean;
    }

    /**
     * Stops both threads and closes the dedicated connection without waiting for a read in
     * progress (it fails and is dropped), so that {@code fleet=true} adds nothing to the agent's stop time.
     */
    public void stop() {
        follower.stop();
        refresher.shutdown(0);
    }
}
