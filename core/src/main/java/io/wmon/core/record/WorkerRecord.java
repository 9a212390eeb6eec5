package io.wmon.core.record;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

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
    /**
     * The longest heartbeat interval the agent writes, ms (1 h). A reader bounds a worker's
     * stale-after by three of these, so a record claiming a longer interval still goes stale.
     */
    public static final long MAX_INTERVAL_MILLIS = 3_600_000L;
    public static final long UNKNOWN = -1L;
    /** At most this many local ports are kept: the list is a hint for attribution, not a census. */
    public static final int MAX_LOCAL_PORTS = 64;

    /** Numbers, flags (0/1) and the CPU load (double bits), at their fields' {@link RecordField#slot() slots}. */
    private final long[] longs;
    /** Texts, state, breaker, labels and ports, all immutable, at their fields' slots. */
    private final Object[] refs;

    /** Takes both arrays over: the caller (builder or codec) made them for this record alone. */
    WorkerRecord(long[] longs, Object[] refs) {
        this.longs = longs;
        this.refs = refs;
    }

    /** A builder with nothing set: the required fields must be set, everything else is unknown. */
    public static WorkerRecordBuilder builder() {
        return new WorkerRecordBuilder();
    }

    /** A builder holding this record's values, to derive the next heartbeat from this one. */
    public WorkerRecordBuilder toBuilder() {
        return new WorkerRecordBuilder(longs, refs);
    }

    /** The worker id; never empty. */
    public String id() { return value(RecordField.ID); }
    /** Host name, or {@code ""}. */
    public String host() { return value(RecordField.HOST); }
    /** Process id, or {@link #UNKNOWN}. */
    public long pid() { return count(RecordField.PID); }
    /** When the worker (its agent) started, epoch ms, or {@link #UNKNOWN}. */
    public long startedMillis() { return count(RecordField.STARTED); }
    /** When this record was written, epoch ms of the worker's clock. */
    public long beatMillis() { return count(RecordField.BEAT); }
    /** The heartbeat interval, ms; readers derive stale-after from it. */
    public long intervalMillis() { return count(RecordField.INTERVAL); }
    public WorkerState state() { return value(RecordField.STATE); }
    /** The current job id, or {@code ""} when none. */
    public String job() { return value(RecordField.JOB); }
    /** Jobs done since start, or {@link #UNKNOWN}. */
    public long processedCount() { return count(RecordField.PROCESSED); }
    /** Jobs failed since start, or {@link #UNKNOWN}. */
    public long failedCount() { return count(RecordField.FAILED); }
    /** The agent version, or {@code ""}. */
    public String agentVersion() { return value(RecordField.AGENT); }
    /** The worker's Java version ({@code java.version}), or {@code ""}. */
    public String javaVersion() { return value(RecordField.JVM); }
    /** Heap in use, bytes, or {@link #UNKNOWN}. */
    public long heapUsedBytes() { return count(RecordField.HEAP_USED); }
    /** Maximum heap, bytes, or {@link #UNKNOWN} (also when the JVM reports no limit). */
    public long heapMaxBytes() { return count(RecordField.HEAP_MAX); }
    /** Live threads, or {@link #UNKNOWN}. */
    public long threadCount() { return count(RecordField.THREADS); }
    /** Recent process CPU load, 0..1, or {@link #UNKNOWN} ({@code -1.0}). */
    public double cpuLoad() { return load(RecordField.CPU); }
    /** The agent's shared pool: connections borrowed, or {@link #UNKNOWN}. */
    public long poolActive() { return count(RecordField.POOL_ACTIVE); }
    /** The agent's shared pool: connections idle, or {@link #UNKNOWN}. */
    public long poolIdle() { return count(RecordField.POOL_IDLE); }
    /** The agent's shared pool: threads waiting to borrow, or {@link #UNKNOWN}. */
    public long poolWaiters() { return count(RecordField.POOL_WAITERS); }
    /** The agent's shared pool bound ({@code maxTotal}), or {@link #UNKNOWN}. */
    public long poolMaxTotal() { return count(RecordField.POOL_MAX); }
    /** How often a borrow found the shared pool exhausted, since start, or {@link #UNKNOWN}. */
    public long poolExhaustedCount() { return count(RecordField.POOL_EXHAUSTED); }
    /** The application's own commons-pool pools observed, or {@link #UNKNOWN}. */
    public long appPoolCount() { return count(RecordField.APP_POOLS); }
    /** Connections borrowed from the application's pools, or {@link #UNKNOWN}. */
    public long appActiveConnections() { return count(RecordField.APP_ACTIVE); }
    /** Connections idle in the application's pools, or {@link #UNKNOWN}. */
    public long appIdleConnections() { return count(RecordField.APP_IDLE); }
    /** Whether the agent's dedicated Pub/Sub connection is open; false when unknown. */
    public boolean pubSubOpen() { return flag(RecordField.PUBSUB); }
    /** The last Redis round trip, microseconds, or {@link #UNKNOWN}. */
    public long redisRoundTripMicros() { return count(RecordField.RTT_US); }
    public BreakerState breaker() { return value(RecordField.BREAKER); }
    /** Free-form labels, in insertion order; unmodifiable. */
    public Map<String, String> labels() { return value(RecordField.LABELS); }
    /** Every established socket of the JVM to Redis, or {@link #UNKNOWN}. */
    public long redisSocketCount() { return count(RecordField.REDIS_SOCKETS); }
    /** Those of {@link #redisSocketCount()} that are not the agent's own, or {@link #UNKNOWN}. */
    public long appRedisSocketCount() { return count(RecordField.APP_SOCKETS); }
    /** Local ports of those sockets, at most {@link #MAX_LOCAL_PORTS}; unmodifiable. */
    public List<Integer> localPorts() { return value(RecordField.LOCAL_PORTS); }
    /** Whether the connection-leak alarm is raised; false when unknown. */
    public boolean leakAlarm() { return flag(RecordField.LEAK); }

    private long count(RecordField field) {
        return longs[field.slot()];
    }

    private boolean flag(RecordField field) {
        return longs[field.slot()] != 0;
    }

    private double load(RecordField field) {
        return Double.longBitsToDouble(longs[field.slot()]);
    }

    /** A text, enum, labels or ports value; the caller's return type is the field type's value type. */
    @SuppressWarnings("unchecked")
    private <T> T value(RecordField field) {
        return (T) refs[field.slot()];
    }

    /** The wire form of {@code field}'s value. */
    String format(RecordField field) {
        return field.type().format(field, longs, refs);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof WorkerRecord)) {
            return false;
        }
        WorkerRecord r = (WorkerRecord) o;
        return Arrays.equals(longs, r.longs) && Arrays.equals(refs, r.refs);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(longs) + Arrays.hashCode(refs);
    }

    @Override
    public String toString() {
        return "WorkerRecord{id=" + id() + ", state=" + state().wire() + ", beat=" + beatMillis()
                + ", interval=" + intervalMillis() + "ms, host=" + host() + ", pid=" + pid() + "}";
    }
}
