package io.wmon.agent.runtime;

import io.wmon.agent.census.LeakAlarm;
import io.wmon.agent.census.LeakLog;
import io.wmon.agent.census.SocketCensus;
import io.wmon.agent.config.AgentOptions;
import io.wmon.agent.fleet.FleetService;
import io.wmon.agent.metrics.AppPoolCensus;
import io.wmon.agent.metrics.JvmMetrics;
import io.wmon.core.event.EventType;
import io.wmon.core.event.FleetEvent;
import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.heartbeat.HeartbeatWriter;
import io.wmon.core.record.WorkerState;
import io.wmon.core.redis.BreakerDelays;
import io.wmon.core.redis.ConnectionNames;
import io.wmon.core.redis.PoolSettings;
import io.wmon.core.redis.RedisBreaker;
import io.wmon.core.redis.SharedPool;
import io.wmon.core.redis.SharedPoolRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a started agent holds, from start to stop: the status listener, the scheduler thread,
 * the shared pool lease, the MBeans, the worker's outbox of events, and the shutdown hook.
 *
 * <p>{@link #start} does only cheap work on the caller's thread (the JVM's start-up path): it
 * installs the status listener and starts the {@code wmon-heartbeat} thread, which then opens the
 * pool, registers the MBeans and beats. {@link #stop} undoes all of it in reverse order, bounded
 * in time even when Redis does not answer, so that the agent can be started again in the same JVM.
 */
public final class AgentRuntime {

    /** System property set while an agent runs, read by {@code wmon jmx} through the Attach API. */
    public static final String VERSION_PROPERTY = "wmon.agent.version";
    /** System property holding why the last start in this JVM failed, one line; read by {@code wmon attach}. */
    public static final String ERROR_PROPERTY = "wmon.agent.error";
    /** How long stopping waits for a beat in progress, ms. */
    static final long BEAT_WAIT_MILLIS = 300;
    /**
     * How long the final "stopped" write may take before the agent gives up on it, ms. It is not tried
     * at all when the beat in progress did not end within {@link #BEAT_WAIT_MILLIS} (Redis is hanging)
     * or the circuit breaker is open, so stopping takes at most 0.3 s then, and at most 0.9 s otherwise.
     */
    static final long FINAL_WRITE_MILLIS = 600;

    /** The longest the agent's circuit breaker stays open (its first delay is the heartbeat interval). */
    static final Duration AGENT_MAX_BREAKER_DELAY = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(AgentRuntime.class);

    private final AgentOptions options;
    private final String version;
    private final HeartbeatStats stats = new HeartbeatStats();
    private final TextLimits limits = new TextLimits();
    private final BeatScheduler scheduler;
    private final WorkerStateTracker tracker;
    private final Thread shutdownHook;
    private final StatusListenerInstaller listeners;
    private final EventOutbox events;

    // Published by the heartbeat thread under this object's lock once started; read by stop().
    private WorkerIdentity identity;
    private SharedPool pool;
    private HeartbeatWriter writer;
    private RecordAssembler assembler;
    private volatile AgentBeans beans;
    private volatile SnapshotPublisher snapshots;
    private AppPoolCensus census;
    private FleetService fleet;
    private BreakerEvents breakerEvents;
    private boolean stopped;

    private AgentRuntime(AgentOptions options, String version) {
        this.options = options;
        this.version = version;
        this.scheduler = new BeatScheduler(options.interval().toMillis());
        this.tracker = new WorkerStateTracker(this::stateChanged, limits);
        this.shutdownHook = new Thread(this::shutdownHookBody, "wmon-shutdown");
        this.listeners = new StatusListenerInstaller(tracker);
        this.events = new EventOutbox(options.workerId(), FleetKeys.of(options.namespace()));
    }

    /** Starts an agent; returns at once, the connection and MBeans follow on the agent's thread. */
    public static AgentRuntime start(AgentOptions options, String version) {
        AgentRuntime runtime = new AgentRuntime(options, version);
        // Queued first, so it comes before any state change; written with the first beat that reaches Redis.
        runtime.events.add(FleetEvent.of(EventType.UP, options.workerId(), "", WorkerState.STARTING.wire(),
                System.currentTimeMillis(), "agent " + version + ", pid " + ProcessHandle.current().pid()));
        runtime.listeners.install();
        System.setProperty(VERSION_PROPERTY, version);
        Runtime.getRuntime().addShutdownHook(runtime.shutdownHook);
        runtime.scheduler.execute(runtime::initialize);
        return runtime;
    }

    /**
     * Opens the pool lease, registers the MBeans and starts the beats, on the agent's thread. Holds
     * no lock while it works, so that a JVM exiting during start-up is not kept waiting for it: a
     * start that finds the agent stopped undoes itself.
     */
    private void initialize() {
        if (isStopped()) {
            return;
        }
        BundledJedisLog.silence();
        SharedPool lease = null;
        AgentBeans registered = null;
        AppPoolCensus appPools = null;
        FleetService fleetView = null;
        try {
            WorkerIdentity who = new WorkerIdentity(options.workerId(), options.namespace(),
                    options.interval().toMillis(), version, limits);
            lease = SharedPoolRegistry.jvm().acquire(options.redis(),
                    ConnectionNames.agent(options.namespace(), options.workerId()),
                    PoolSettings.defaults().withMaxTotal(options.poolMaxTotal())
                            .withBreakerDelays(BreakerDelays.of(options.interval(), AGENT_MAX_BREAKER_DELAY)));
            HeartbeatWriter heartbeatWriter = new HeartbeatWriter(lease, FleetKeys.of(options.namespace()));
            appPools = new AppPoolCensus(ManagementFactory.getPlatformMBeanServer());
            SocketCensus sockets = SocketCensus.forAgent(options.redis(), options.redisPorts(), lease,
                    options.interval().toMillis());
            LeakAlarm leak = new LeakAlarm(options.leakThreshold());
            RecordAssembler recordAssembler = new RecordAssembler(who, tracker, stats, new JvmMetrics(), appPools,
                    lease.breaker(), sockets, leak);
            SnapshotPublisher publisher = new SnapshotPublisher(who, tracker, stats, limits, events::droppedCount);
            snapshots = publisher;
            HeartbeatTask heartbeat = new HeartbeatTask(lease, heartbeatWriter, recordAssembler, stats, tracker,
                    publisher, this::poolExhausted, this::afterBeat, events, sockets, leak);
            if (options.fleet()) {
                fleetView = FleetService.start(lease, options.namespace(), options.workerId(),
                        options.interval().toMillis());
            }
            registered = AgentBeans.register(publisher, lease, fleetView == null ? null : fleetView.bean(),
                    options.namespace());
            leak.addListener(new LeakLog(options.workerId()));
            leak.addListener(registered.leakNotifier());
            leak.addListener(new LeakEvents(options.workerId(), events));
            SharedPool leased = lease;
            synchronized (this) {
                if (!stopped) {
                    identity = who;
                    pool = lease;
                    writer = heartbeatWriter;
                    assembler = recordAssembler;
                    beans = registered;
                    census = appPools;
                    fleet = fleetView;
                    breakerEvents = new BreakerEvents(who.id(), events, scheduler::flushSoon);
                    lease.breaker().addListener(breakerEvents);
                    scheduler.start(heartbeat, () -> events.flush(leased), events::hasWaiting);
                    LOG.info("wmon agent started: {}", options.describe());
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("wmon agent could not start: {}", e.toString());
            // wmon attach reads these back: the start it asked for did not happen after all.
            System.clearProperty(VERSION_PROPERTY);
            System.setProperty(ERROR_PROPERTY, "wmon agent could not start: " + e.getClass().getName()
                    + " (see this JVM's log, logger io.wmon)");
        }
        // Stopped while starting, or failed: undo what this start did.
        if (fleetView != null) {
            fleetView.stop();
        }
        if (appPools != null) {
            appPools.close();
        }
        if (registered != null) {
            registered.unregister();
        }
        if (lease != null) {
            lease.close();
        }
    }

    private void afterBeat() {
        AgentBeans current = beans;
        if (current != null) {
            current.syncNodeBeans();
        }
    }

    private void poolExhausted(long exhaustedCount) {
        AgentBeans current = beans;
        if (current != null) {
            current.poolExhausted(exhaustedCount);
        }
    }

    private synchronized boolean isStarted() {
        return pool != null;
    }

    private synchronized boolean isStopped() {
        return stopped;
    }

    private void stateChanged(WorkerState from, WorkerState to, String job) {
        events.stateChanged(from, to, job, System.currentTimeMillis());
        SnapshotPublisher publisher = snapshots;
        if (publisher != null) {
            publisher.publish(); // before the notification, so that a listener reading attributes sees the change
        }
        AgentBeans current = beans;
        if (current != null) {
            current.stateChanged(from, to, job);
        }
        scheduler.beatSoon();
        scheduler.flushSoon();
    }

    /** Undoes everything the agent did (for {@code mode=stop}); the JVM keeps running. */
    public void stop() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting; the hook runs shutdown() itself.
        }
        shutdown();
    }

    private void shutdownHookBody() {
        shutdown();
    }

    private void shutdown() {
        tracker.stopping();
        // Before the first beat there is nothing to finish or to write: a short-lived JVM exits at once.
        boolean beatEnded = scheduler.shutdown(isStarted() ? BEAT_WAIT_MILLIS : 0);
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            listeners.uninstall();
            if (writer != null && (!beatEnded || pool.breaker().state() == RedisBreaker.State.OPEN)) {
                LOG.warn("wmon agent: Redis at {} is not answering; not waiting to write state=stopped, the record "
                        + "will expire", pool.endpoint().redacted());
            } else if (writer != null) {
                new FinalWrite(writer, assembler, pool, events).markStopped(FINAL_WRITE_MILLIS);
            }
            if (breakerEvents != null) {
                pool.breaker().removeListener(breakerEvents);
            }
            if (fleet != null) {
                fleet.stop();
            }
            if (beans != null) {
                beans.unregister();
            }
            if (census != null) {
                census.close();
            }
            if (pool != null) {
                pool.close();
            }
            System.clearProperty(VERSION_PROPERTY);
        }
    }
}
