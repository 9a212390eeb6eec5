package io.wmon.mbeans;

import java.util.Objects;

/**
 * Everything {@link WorkerMXBean} reports, frozen at one moment.
 *
 * <p>The agent builds one new snapshot after each heartbeat and each state change and publishes it
 * through one reference; {@link WorkerMBean} only reads the latest one, so a JMX client never waits
 * on Redis, and one {@code getAttributes} call sees one snapshot. Immutable and thread-safe. A number left unset is {@code -1}
 * (unknown), a text left unset is empty, {@code redisAvailable} is {@code false}, and the state is
 * {@code starting} until the agent says otherwise.
 */
public final class WorkerSnapshot {

    /** The state of a worker whose agent has not reported one yet. */
    public static final String STARTING = "starting";

    /** The snapshot of a worker about which nothing is known yet. */
    public static final WorkerSnapshot UNKNOWN = builder().build();

    private final String id;
    private final String namespace;
    private final String host;
    private final long pid;
    private final String state;
    private final String currentJob;
    private final long startedAtMillis;
    private final long lastHeartbeatMillis;
    private final long heartbeatCount;
    private final long heartbeatFailureCount;
    private final long jobsProcessedCount;
    private final long jobsFailedCount;
    private final long redisRoundTripMicros;
    private final boolean redisAvailable;
    private final int appPoolCount;
    private final int appActiveConnections;
    private final int appIdleConnections;
    private final int redisSocketCount;
    private final int appRedisSocketCount;
    private final int redisSocketPeak;
    private final long truncatedValueCount;
    private final long eventsDroppedCount;

    private WorkerSnapshot(Builder b) {
        id = b.id;
        namespace = b.namespace;
        host = b.host;
        pid = b.pid;
        state = b.state;
        currentJob = b.currentJob;
        startedAtMillis = b.startedAtMillis;
        lastHeartbeatMillis = b.lastHeartbeatMillis;
        heartbeatCount = b.heartbeatCount;
        heartbeatFailureCount = b.heartbeatFailureCount;
        jobsProcessedCount = b.jobsProcessedCount;
        jobsFailedCount = b.jobsFailedCount;
        redisRoundTripMicros = b.redisRoundTripMicros;
        redisAvailable = b.redisAvailable;
        appPoolCount = b.appPoolCount;
        appActiveConnections = b.appActiveConnections;
        appIdleConnections = b.appIdleConnections;
        redisSocketCount = b.redisSocketCount;
        appRedisSocketCount = b.appRedisSocketCount;
        redisSocketPeak = b.redisSocketPeak;
        truncatedValueCount = b.truncatedValueCount;
        eventsDroppedCount = b.eventsDroppedCount;
    }

    /** A builder with every value unknown. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this snapshot's values, to change a few of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public String id() { return id; }
    public String namespace() { return namespace; }
    public String host() { return host; }
    public long pid() { return pid; }
    public String state() { return state; }
    public String currentJob() { return currentJob; }
    public long startedAtMillis() { return startedAtMillis; }
    public long lastHeartbeatMillis() { return lastHeartbeatMillis; }
    public long heartbeatCount() { return heartbeatCount; }
    public long heartbeatFailureCount() { return heartbeatFailureCount; }
    public long jobsProcessedCount() { return jobsProcessedCount; }
    public long jobsFailedCount() { return jobsFailedCount; }
    public long redisRoundTripMicros() { return redisRoundTripMicros; }
    public boolean redisAvailable() { return redisAvailable; }
    public int appPoolCount() { return appPoolCount; }
    public int appActiveConnections() { return appActiveConnections; }
    public int appIdleConnections() { return appIdleConnections; }
    public int redisSocketCount() { return redisSocketCount; }
    public int appRedisSocketCount() { return appRedisSocketCount; }
    public int redisSocketPeak() { return redisSocketPeak; }
    public long truncatedValueCount() { return truncatedValueCount; }
    public long eventsDroppedCount() { return eventsDroppedCount; }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof WorkerSnapshot)) {
            return false;
        }
        WorkerSnapshot s = (WorkerSnapshot) o;
        return pid == s.pid && startedAtMillis == s.startedAtMillis && lastHeartbeatMillis == s.lastHeartbeatMillis
                && heartbeatCount == s.heartbeatCount && heartbeatFailureCount == s.heartbeatFailureCount
                && jobsProcessedCount == s.jobsProcessedCount && jobsFailedCount == s.jobsFailedCount
                && redisRoundTripMicros == s.redisRoundTripMicros && redisAvailable == s.redisAvailable
                && appPoolCount == s.appPoolCount && appActiveConnections == s.appActiveConnections
                && appIdleConnections == s.appIdleConnections && redisSocketCount == s.redisSocketCount
                && appRedisSocketCount == s.appRedisSocketCount && redisSocketPeak == s.redisSocketPeak
                && truncatedValueCount == s.truncatedValueCount && eventsDroppedCount == s.eventsDroppedCount
                && id.equals(s.id) && namespace.equals(s.namespace)
                && host.equals(s.host) && state.equals(s.state) && currentJob.equals(s.currentJob);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, namespace, host, pid, state, currentJob, startedAtMillis, lastHeartbeatMillis,
                heartbeatCount, heartbeatFailureCount, jobsProcessedCount, jobsFailedCount, redisRoundTripMicros,
                redisAvailable, appPoolCount, appActiveConnections, appIdleConnections, redisSocketCount,
                appRedisSocketCount, redisSocketPeak, truncatedValueCount, eventsDroppedCount);
    }

    @Override
    public String toString() {
        return "WorkerSnapshot[" + namespace + "/" + id + " " + state + (currentJob.isEmpty() ? "" : " job=" + currentJob)
                + " beat=" + lastHeartbeatMillis + " beats=" + heartbeatCount + "/" + heartbeatFailureCount + " failed"
                + " jobs=" + jobsProcessedCount + "/" + jobsFailedCount + " failed rtt=" + redisRoundTripMicros + "us"
                + " redis=" + (redisAvailable ? "up" : "down") + " sockets=" + redisSocketCount + "/" + appRedisSocketCount
                + " app, peak " + redisSocketPeak + "]";
    }

    /** Collects the values of a {@link WorkerSnapshot}; not thread-safe, use it on one thread. */
    public static final class Builder {

        private String id = "";
        private String namespace = "";
        private String host = "";
        private long pid = -1;
        private String state = STARTING;
        private String currentJob = "";
        private long startedAtMillis = -1;
        private long lastHeartbeatMillis = -1;
        private long heartbeatCount = -1;
        private long heartbeatFailureCount = -1;
        private long jobsProcessedCount = -1;
        private long jobsFailedCount = -1;
        private long redisRoundTripMicros = -1;
        private boolean redisAvailable;
        private int appPoolCount = -1;
        private int appActiveConnections = -1;
        private int appIdleConnections = -1;
        private int redisSocketCount = -1;
        private int appRedisSocketCount = -1;
        private int redisSocketPeak = -1;
        private long truncatedValueCount = -1;
        private long eventsDroppedCount = -1;

        private Builder() {
        }

        private Builder(WorkerSnapshot s) {
            id = s.id;
            namespace = s.namespace;
            host = s.host;
            pid = s.pid;
            state = s.state;
            currentJob = s.currentJob;
            startedAtMillis = s.startedAtMillis;
            lastHeartbeatMillis = s.lastHeartbeatMillis;
            heartbeatCount = s.heartbeatCount;
            heartbeatFailureCount = s.heartbeatFailureCount;
            jobsProcessedCount = s.jobsProcessedCount;
            jobsFailedCount = s.jobsFailedCount;
            redisRoundTripMicros = s.redisRoundTripMicros;
            redisAvailable = s.redisAvailable;
            appPoolCount = s.appPoolCount;
            appActiveConnections = s.appActiveConnections;
            appIdleConnections = s.appIdleConnections;
            redisSocketCount = s.redisSocketCount;
            appRedisSocketCount = s.appRedisSocketCount;
            redisSocketPeak = s.redisSocketPeak;
            truncatedValueCount = s.truncatedValueCount;
            eventsDroppedCount = s.eventsDroppedCount;
        }

        /** Null becomes empty: a JMX client then sees "" rather than a missing value. */
        private static String text(String value) {
            return value == null ? "" : value;
        }

        public Builder id(String v) { id = text(v); return this; }
        public Builder namespace(String v) { namespace = text(v); return this; }
        public Builder host(String v) { host = text(v); return this; }
        public Builder pid(long v) { pid = v; return this; }
        /** Null or empty means {@value WorkerSnapshot#STARTING}. */
        public Builder state(String v) { state = v == null || v.isEmpty() ? STARTING : v; return this; }
        /** Null means no job. */
        public Builder currentJob(String v) { currentJob = text(v); return this; }
        public Builder startedAtMillis(long v) { startedAtMillis = v; return this; }
        public Builder lastHeartbeatMillis(long v) { lastHeartbeatMillis = v; return this; }
        public Builder heartbeatCount(long v) { heartbeatCount = v; return this; }
        public Builder heartbeatFailureCount(long v) { heartbeatFailureCount = v; return this; }
        public Builder jobsProcessedCount(long v) { jobsProcessedCount = v; return this; }
        public Builder jobsFailedCount(long v) { jobsFailedCount = v; return this; }
        public Builder redisRoundTripMicros(long v) { redisRoundTripMicros = v; return this; }
        public Builder redisAvailable(boolean v) { redisAvailable = v; return this; }
        public Builder appPoolCount(int v) { appPoolCount = v; return this; }
        public Builder appActiveConnections(int v) { appActiveConnections = v; return this; }
        public Builder appIdleConnections(int v) { appIdleConnections = v; return this; }
        public Builder redisSocketCount(int v) { redisSocketCount = v; return this; }
        public Builder appRedisSocketCount(int v) { appRedisSocketCount = v; return this; }
        public Builder redisSocketPeak(int v) { redisSocketPeak = v; return this; }
        public Builder truncatedValueCount(long v) { truncatedValueCount = v; return this; }
        public Builder eventsDroppedCount(long v) { eventsDroppedCount = v; return this; }

        public WorkerSnapshot build() {
            return new WorkerSnapshot(this);
        }
    }
}
