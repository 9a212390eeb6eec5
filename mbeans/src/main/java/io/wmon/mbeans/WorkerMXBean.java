package io.wmon.mbeans;

/**
 * The worker this JVM runs, as the agent last saw it: {@code io.wmon:type=Worker}.
 *
 * <p>Every getter returns a point-in-time value read from the snapshot the agent published after
 * its last heartbeat or state change; none touches Redis or blocks. One {@code getAttributes}
 * call answers every attribute from the same snapshot. A number that is not known
 * (yet) is {@code -1}; a text that is not known is empty. Times are epoch milliseconds.
 */
public interface WorkerMXBean {

    /** The worker id ({@code <hostname>-<pid>} unless configured); a point-in-time value from memory. */
    String getId();

    /** The fleet namespace the worker reports to; a point-in-time value from memory. */
    String getNamespace();

    /** The host name the worker reports; a point-in-time value from memory. */
    String getHost();

    /** The process id of this JVM, or -1 if unknown; a point-in-time value from memory. */
    long getPid();

    /** {@code starting}, {@code idle}, {@code busy}, {@code paused}, {@code stopping} or {@code stopped}; a point-in-time value from memory. */
    String getState();

    /** The id of the job being processed, empty when none; a point-in-time value from memory. */
    String getCurrentJob();

    /** When the agent started, epoch milliseconds, or -1; a point-in-time value from memory. */
    long getStartedAtMillis();

    /** When the last heartbeat reached Redis, epoch milliseconds, or -1 before the first; a point-in-time value from memory. */
    long getLastHeartbeatMillis();

    /** Heartbeats written to Redis since start, a count, or -1; a point-in-time value from memory. */
    long getHeartbeatCount();

    /** Heartbeats that failed (Redis unreachable, timeout, breaker open) since start, a count, or -1; a point-in-time value from memory. */
    long getHeartbeatFailureCount();

    /** Jobs the application reported done since start, a count, or -1; a point-in-time value from memory. */
    long getJobsProcessedCount();

    /** Jobs the application reported failed since start, a count, or -1; a point-in-time value from memory. */
    long getJobsFailedCount();

    /** Time the last successful heartbeat's write pipeline took (HSET, PEXPIRE, ZADD, one round trip), microseconds, or -1; a point-in-time value from memory. */
    long getRedisRoundTripMicros();

    /** Whether the last heartbeat reached Redis; a point-in-time value from memory. */
    boolean isRedisAvailable();

    /** The application's own commons-pool pools the agent observes, a count, or -1; a point-in-time value from memory. */
    int getAppPoolCount();

    /** Connections borrowed from the application's own pools, a count of connections, or -1; a point-in-time value from memory. */
    int getAppActiveConnections();

    /** Idle connections in the application's own pools, a count of connections, or -1; a point-in-time value from memory. */
    int getAppIdleConnections();

    /** Established sockets of this JVM to Redis ports, a count, or -1 where the census cannot run; a point-in-time value from memory. */
    int getRedisSocketCount();

    /** Those Redis sockets that are not the agent's own, a count, or -1 where unknown; a point-in-time value from memory. */
    int getAppRedisSocketCount();
}
