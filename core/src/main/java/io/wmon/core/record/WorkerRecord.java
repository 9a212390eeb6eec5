package io.wmon.core.record;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One worker's status as published in its record hash (schema v1); immutable.
 *
 * <p>Units are in the accessor names. A number that is not known (not measured, or unreadable
 * on the wire) is {@link #UNKNOWN} ({@code -1}): every v1 number is naturally non-negative, and a
 * primitive sentinel maps straight onto MXBean attributes and JSON, where {@code OptionalLong}
 * would not. Unknown strings are {@code ""}, an unknown breaker is {@link BreakerState#UNKNOWN}.
 * Required: {@code id}, {@code beat}, {@code interval} and {@code state} (see {@link RecordField}).
 */
public final class WorkerRecord {

    /** The schema version this class describes, written as field {@code v}. */
    public static final int SCHEMA_VERSION = 1;
    /** Stands for a number that is not known; also used for {@link #cpuLoad()}. */
    public static final long UNKNOWN = -1L;
    /** At most this many local ports are kept: the list is a hint for attribution, not a census. */
    public static final int MAX_LOCAL_PORTS = 64;

    private final String id;
    private final String host;
    private final long pid;
    private final long startedMillis;
    private final long beatMillis;
    private final long intervalMillis;
    private final WorkerState state;
    private final String job;
    private final long processedCount;
    private final long failedCount;
    private final String agentVersion;
    private final String javaVersion;
    private final long heapUsedBytes;
    private final long heapMaxBytes;
    private final long threadCount;
    private final double cpuLoad;
    private final long poolActive;
    private final long poolIdle;
    private final long poolWaiters;
    private final long poolMaxTotal;
    private final long poolExhaustedCount;
    private final long appPoolCount;
    private final long appActiveConnections;
    private final long appIdleConnections;
    private final boolean pubSubOpen;
    private final long redisRoundTripMicros;
    private final BreakerState breaker;
    private final Map<String, String> labels;
    private final long redisSocketCount;
    private final long appRedisSocketCount;
    private final List<Integer> localPorts;
    private final boolean leakAlarm;

    WorkerRecord(WorkerRecordBuilder b) {
        id = b.id;
        host = b.host;
        pid = b.pid;
        startedMillis = b.startedMillis;
        beatMillis = b.beatMillis;
        intervalMillis = b.intervalMillis;
        state = b.state;
        job = b.job;
        processedCount = b.processedCount;
        failedCount = b.failedCount;
        agentVersion = b.agentVersion;
        javaVersion = b.javaVersion;
        heapUsedBytes = b.heapUsedBytes;
        heapMaxBytes = b.heapMaxBytes;
        threadCount = b.threadCount;
        cpuLoad = b.cpuLoad;
        poolActive = b.poolActive;
        poolIdle = b.poolIdle;
        poolWaiters = b.poolWaiters;
        poolMaxTotal = b.poolMaxTotal;
        poolExhaustedCount = b.poolExhaustedCount;
        appPoolCount = b.appPoolCount;
        appActiveConnections = b.appActiveConnections;
        appIdleConnections = b.appIdleConnections;
        pubSubOpen = b.pubSubOpen;
        redisRoundTripMicros = b.redisRoundTripMicros;
        breaker = b.breaker;
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(b.labels));
        redisSocketCount = b.redisSocketCount;
        appRedisSocketCount = b.appRedisSocketCount;
        localPorts = Collections.unmodifiableList(new ArrayList<>(b.localPorts));
        leakAlarm = b.leakAlarm;
    }

    /** A builder with nothing set: the required fields must be set, everything else is unknown. */
    public static WorkerRecordBuilder builder() {
        return new WorkerRecordBuilder();
    }

    /** A builder holding this record's values, to derive the next heartbeat from this one. */
    public WorkerRecordBuilder toBuilder() {
        return new WorkerRecordBuilder(this);
    }

    /** The worker id; never empty. */
    public String id() { return id; }
    /** Host name, or {@code ""}. */
    public String host() { return host; }
    /** Process id, or {@link #UNKNOWN}. */
    public long pid() { return pid; }
    /** When the worker (its agent) started, epoch ms, or {@link #UNKNOWN}. */
    public long startedMillis() { return startedMillis; }
    /** When this record was written, epoch ms of the worker's clock. */
    public long beatMillis() { return beatMillis; }
    /** The heartbeat interval, ms; readers derive stale-after from it. */
    public long intervalMillis() { return intervalMillis; }
    public WorkerState state() { return state; }
    /** The current job id, or {@code ""} when none. */
    public String job() { return job; }
    /** Jobs done since start, or {@link #UNKNOWN}. */
    public long processedCount() { return processedCount; }
    /** Jobs failed since start, or {@link #UNKNOWN}. */
    public long failedCount() { return failedCount; }
    /** The agent version, or {@code ""}. */
    public String agentVersion() { return agentVersion; }
    /** The worker's Java version ({@code java.version}), or {@code ""}. */
    public String javaVersion() { return javaVersion; }
    /** Heap in use, bytes, or {@link #UNKNOWN}. */
    public long heapUsedBytes() { return heapUsedBytes; }
    /** Maximum heap, bytes, or {@link #UNKNOWN} (also when the JVM reports no limit). */
    public long heapMaxBytes() { return heapMaxBytes; }
    /** Live threads, or {@link #UNKNOWN}. */
    public long threadCount() { return threadCount; }
    /** Recent process CPU load, 0..1, or {@link #UNKNOWN} ({@code -1.0}). */
    public double cpuLoad() { return cpuLoad; }
    /** The agent's shared pool: connections borrowed, or {@link #UNKNOWN}. */
    public long poolActive() { return poolActive; }
    /** The agent's shared pool: connections idle, or {@link #UNKNOWN}. */
    public long poolIdle() { return poolIdle; }
    /** The agent's shared pool: threads waiting to borrow, or {@link #UNKNOWN}. */
    public long poolWaiters() { return poolWaiters; }
    /** The agent's shared pool bound ({@code maxTotal}), or {@link #UNKNOWN}. */
    public long poolMaxTotal() { return poolMaxTotal; }
    /** How often a borrow found the shared pool exhausted, since start, or {@link #UNKNOWN}. */
    public long poolExhaustedCount() { return poolExhaustedCount; }
    /** The application's own commons-pool pools observed, or {@link #UNKNOWN}. */
    public long appPoolCount() { return appPoolCount; }
    /** Connections borrowed from the application's pools, or {@link #UNKNOWN}. */
    public long appActiveConnections() { return appActiveConnections; }
    /** Connections idle in the application's pools, or {@link #UNKNOWN}. */
    public long appIdleConnections() { return appIdleConnections; }
    /** Whether the agent's dedicated Pub/Sub connection is open; false when unknown. */
    public boolean pubSubOpen() { return pubSubOpen; }
    /** The last Redis round trip, microseconds, or {@link #UNKNOWN}. */
    public long redisRoundTripMicros() { return redisRoundTripMicros; }
    public BreakerState breaker() { return breaker; }
    /** Free-form labels, in insertion order; unmodifiable. */
    public Map<String, String> labels() { return labels; }
    /** Every established socket of the JVM to Redis, or {@link #UNKNOWN}. */
    public long redisSocketCount() { return redisSocketCount; }
    /** Those of {@link #redisSocketCount()} that are not the agent's own, or {@link #UNKNOWN}. */
    public long appRedisSocketCount() { return appRedisSocketCount; }
    /** Local ports of those sockets, at most {@link #MAX_LOCAL_PORTS}; unmodifiable. */
    public List<Integer> localPorts() { return localPorts; }
    /** Whether the connection-leak alarm is raised; false when unknown. */
    public boolean leakAlarm() { return leakAlarm; }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof WorkerRecord)) {
            return false;
        }
        WorkerRecord r = (WorkerRecord) o;
        return pid == r.pid && startedMillis == r.startedMillis && beatMillis == r.beatMillis
                && intervalMillis == r.intervalMillis && processedCount == r.processedCount
                && failedCount == r.failedCount && heapUsedBytes == r.heapUsedBytes
                && heapMaxBytes == r.heapMaxBytes && threadCount == r.threadCount
                && Double.compare(cpuLoad, r.cpuLoad) == 0 && poolActive == r.poolActive
                && poolIdle == r.poolIdle && poolWaiters == r.poolWaiters
                && poolMaxTotal == r.poolMaxTotal && poolExhaustedCount == r.poolExhaustedCount
                && appPoolCount == r.appPoolCount && appActiveConnections == r.appActiveConnections
                && appIdleConnections == r.appIdleConnections && pubSubOpen == r.pubSubOpen
                && redisRoundTripMicros == r.redisRoundTripMicros
                && redisSocketCount == r.redisSocketCount
                && appRedisSocketCount == r.appRedisSocketCount && leakAlarm == r.leakAlarm
                && id.equals(r.id) && host.equals(r.host) && state == r.state && job.equals(r.job)
                && agentVersion.equals(r.agentVersion) && javaVersion.equals(r.javaVersion)
                && breaker == r.breaker && labels.equals(r.labels) && localPorts.equals(r.localPorts);
    }

    @Override
    public int hashCode() {
        // id, beat and state tell records apart in practice; equals() still compares everything.
        return Objects.hash(id, beatMillis, state);
    }

    @Override
    public String toString() {
        return "WorkerRecord{id=" + id + ", state=" + state.wire() + ", beat=" + beatMillis
                + ", interval=" + intervalMillis + "ms, host=" + host + ", pid=" + pid + "}";
    }
}
