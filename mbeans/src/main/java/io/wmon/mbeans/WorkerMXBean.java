package io.wmon.mbeans;

/**
 * The worker this JVM runs, as the agent last saw it: {@code io.wmon:type=Worker}.
 *
 * <p>Every getter returns a point-in-time value read from the snapshot the agent published after
 * its last heartbeat or state change; none touches Redis or blocks. One {@code getAttributes}
 * call answers every attribute from the same snapshot. A number that is not known (yet) is
 * {@code -1}; a text that is not known is empty. Times are epoch milliseconds. The
 * {@link Description} of each getter is what JConsole shows and what {@code docs/mbeans.md} lists.
 */
@Description("The worker this JVM runs, as the wmon agent last saw it: identity, state, job counters, heartbeats and the"
        + " application's Redis connections; read from memory, never from Redis")
public interface WorkerMXBean {

    @Description("Worker id: the host name, a dash and the pid (host-1234) unless set with id=; fixed while the agent"
            + " runs")
    String getId();

    @Description("Fleet namespace the worker reports to (namespace=); fixed while the agent runs")
    String getNamespace();

    @Description("Host name the worker reports; fixed while the agent runs")
    String getHost();

    @Description("Process id of this JVM; an identifier, so it carries no unit")
    long getPid();

    @Description("What the worker is doing: starting, idle, busy, paused, stopping or stopped; starting until the first"
            + " heartbeat lands, then as the application reports through WorkerStatus")
    String getState();

    @Description("Id of the job being processed while State is busy; empty otherwise")
    String getCurrentJob();

    @Units(Units.MILLISECONDS)
    @Description("When this JVM started, epoch milliseconds; fixed")
    long getStartedAtMillis();

    @Units(Units.MILLISECONDS)
    @Description("When the last heartbeat reached Redis, epoch milliseconds; -1 before the first; changes with every"
            + " successful heartbeat")
    long getLastHeartbeatMillis();

    @Units(Units.COUNT)
    @Description("Heartbeats written to Redis since the agent started; grows by one per successful heartbeat")
    long getHeartbeatCount();

    @Units(Units.COUNT)
    @Description("Heartbeats that failed since the agent started (Redis unreachable, timed out, refused); grows by one"
            + " per failed heartbeat")
    long getHeartbeatFailureCount();

    @Units(Units.COUNT)
    @Description("Jobs the application reported done (WorkerStatus.jobSucceeded) since the agent started")
    long getJobsProcessedCount();

    @Units(Units.COUNT)
    @Description("Jobs the application reported failed (WorkerStatus.jobFailed) since the agent started")
    long getJobsFailedCount();

    @Units(Units.MICROSECONDS)
    @Description("How long the last successful heartbeat's write pipeline took (HSET, PEXPIRE, ZADD in one round trip),"
            + " microseconds; -1 before the first")
    long getRedisRoundTripMicros();

    @Description("Whether the last heartbeat reached Redis; false until one has")
    boolean isRedisAvailable();

    @Units(Units.COUNT)
    @Description("The application's own commons-pool pools the agent observes through their MBeans; -1 before the"
            + " first heartbeat")
    int getAppPoolCount();

    @Units(Units.CONNECTIONS)
    @Description("Connections borrowed from the application's own pools at the last heartbeat; -1 before the first")
    int getAppActiveConnections();

    @Units(Units.CONNECTIONS)
    @Description("Idle connections in the application's own pools at the last heartbeat; -1 before the first")
    int getAppIdleConnections();

    @Units(Units.SOCKETS)
    @Description("Established TCP connections of this JVM to Redis (the agent's endpoint, and remote ports listed in"
            + " redisPorts=) at the last heartbeat's socket census, the agent's own included; -1 before the first census"
            + " and where it cannot run (not Linux, /proc not readable)")
    int getRedisSocketCount();

    @Units(Units.SOCKETS)
    @Description("Those of RedisSocketCount that are not the agent's own pool's: the application's connections, pooled,"
            + " unpooled or subscribed; -1 when RedisSocketCount is")
    int getAppRedisSocketCount();

    @Units(Units.SOCKETS)
    @Description("The highest RedisSocketCount of any census since the agent started; -1 before the first")
    int getRedisSocketPeak();

    @Units(Units.COUNT)
    @Description("Values the agent cut to their documented length before publishing them, since it started: a job id"
            + " over 256 characters, a host name over 255, a Java version over 64")
    long getTruncatedValueCount();

    @Units(Units.COUNT)
    @Description("Events of this worker (state changes, breaker, pool exhaustion) never written to the event stream"
            + " since the agent started: while Redis was unreachable more were waiting than the agent keeps (32),"
            + " or Redis refused them (an ACL without XADD)")
    long getEventsDroppedCount();
}
