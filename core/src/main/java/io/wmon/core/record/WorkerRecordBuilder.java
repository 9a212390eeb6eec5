package io.wmon.core.record;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link WorkerRecord}; setters reject values the wire cannot carry, so that an agent
 * bug fails where it happens rather than as an invalid record in every reader.
 *
 * <p>Numbers must be non-negative or {@link WorkerRecord#UNKNOWN}; a {@code null} string means
 * unknown and becomes {@code ""}. Label keys must be non-empty; any character is allowed in keys
 * and values because the labels codec escapes {@code ;}, {@code =} and {@code \}.
 *
 * <p>The named setters delegate to one package-private setter per kind of value ({@code count},
 * {@code text}, {@code flag}, {@code load}), which checks that the field is of that kind.
 */
public final class WorkerRecordBuilder {

    private final long[] longs;
    private final Object[] refs;

    WorkerRecordBuilder() {
        longs = RecordField.unknownLongs();
        refs = RecordField.unknownRefs();
    }

    /** Starts from a record's values; its arrays are copied, its (immutable) values shared. */
    WorkerRecordBuilder(long[] longs, Object[] refs) {
        this.longs = longs.clone();
        this.refs = refs.clone();
    }

    public WorkerRecordBuilder id(String v) { return text(RecordField.ID, v); }
    public WorkerRecordBuilder host(String v) { return text(RecordField.HOST, v); }
    public WorkerRecordBuilder pid(long v) { return count(RecordField.PID, v); }
    public WorkerRecordBuilder startedMillis(long v) { return count(RecordField.STARTED, v); }
    public WorkerRecordBuilder beatMillis(long v) { return count(RecordField.BEAT, v); }
    public WorkerRecordBuilder intervalMillis(long v) { return count(RecordField.INTERVAL, v); }
    public WorkerRecordBuilder state(WorkerState v) { return value(RecordField.STATE, v); }
    public WorkerRecordBuilder job(String v) { return text(RecordField.JOB, v); }
    public WorkerRecordBuilder processedCount(long v) { return count(RecordField.PROCESSED, v); }
    public WorkerRecordBuilder failedCount(long v) { return count(RecordField.FAILED, v); }
    public WorkerRecordBuilder agentVersion(String v) { return text(RecordField.AGENT, v); }
    public WorkerRecordBuilder javaVersion(String v) { return text(RecordField.JVM, v); }
    public WorkerRecordBuilder heapUsedBytes(long v) { return count(RecordField.HEAP_USED, v); }
    public WorkerRecordBuilder heapMaxBytes(long v) { return count(RecordField.HEAP_MAX, v); }
    public WorkerRecordBuilder threadCount(long v) { return count(RecordField.THREADS, v); }
    /** Process CPU load 0..1, or {@link WorkerRecord#UNKNOWN} ({@code -1}). */
    public WorkerRecordBuilder cpuLoad(double v) { return load(RecordField.CPU, v); }
    public WorkerRecordBuilder poolActive(long v) { return count(RecordField.POOL_ACTIVE, v); }
    public WorkerRecordBuilder poolIdle(long v) { return count(RecordField.POOL_IDLE, v); }
    public WorkerRecordBuilder poolWaiters(long v) { return count(RecordField.POOL_WAITERS, v); }
    public WorkerRecordBuilder poolMaxTotal(long v) { return count(RecordField.POOL_MAX, v); }
    public WorkerRecordBuilder poolExhaustedCount(long v) { return count(RecordField.POOL_EXHAUSTED, v); }
    public WorkerRecordBuilder appPoolCount(long v) { return count(RecordField.APP_POOLS, v); }
    public WorkerRecordBuilder appActiveConnections(long v) { return count(RecordField.APP_ACTIVE, v); }
    public WorkerRecordBuilder appIdleConnections(long v) { return count(RecordField.APP_IDLE, v); }
    public WorkerRecordBuilder pubSubOpen(boolean v) { return flag(RecordField.PUBSUB, v); }
    public WorkerRecordBuilder redisRoundTripMicros(long v) { return count(RecordField.RTT_US, v); }
    /** The breaker state; {@code null} means {@link BreakerState#UNKNOWN}. */
    public WorkerRecordBuilder breaker(BreakerState v) {
        return value(RecordField.BREAKER, v == null ? BreakerState.UNKNOWN : v);
    }
    public WorkerRecordBuilder redisSocketCount(long v) { return count(RecordField.REDIS_SOCKETS, v); }
    public WorkerRecordBuilder appRedisSocketCount(long v) { return count(RecordField.APP_SOCKETS, v); }
    public WorkerRecordBuilder leakAlarm(boolean v) { return flag(RecordField.LEAK, v); }

    /** Replaces the labels; keys must be non-empty, neither keys nor values null. */
    public WorkerRecordBuilder labels(Map<String, String> v) {
        v.forEach(WorkerRecordBuilder::checkLabel);
        return value(RecordField.LABELS, Collections.unmodifiableMap(new LinkedHashMap<>(v)));
    }

    /** Adds or replaces one label; copies the labels, which are few. */
    public WorkerRecordBuilder label(String key, String value) {
        checkLabel(key, value);
        Map<String, String> current = current(RecordField.LABELS);
        Map<String, String> labels = new LinkedHashMap<>(current);
        labels.put(key, value);
        return value(RecordField.LABELS, Collections.unmodifiableMap(labels));
    }

    /** Replaces the local ports (1..65535); only the first {@link WorkerRecord#MAX_LOCAL_PORTS} are kept. */
    public WorkerRecordBuilder localPorts(List<Integer> v) {
        List<Integer> ports = new ArrayList<>(Math.min(v.size(), WorkerRecord.MAX_LOCAL_PORTS));
        for (Integer port : v) {
            if (port == null || port < 1 || port > 65535) {
                throw new IllegalArgumentException("local port must be within 1..65535, was " + port);
            }
            if (ports.size() < WorkerRecord.MAX_LOCAL_PORTS) {
                ports.add(port);
            }
        }
        return value(RecordField.LOCAL_PORTS, Collections.unmodifiableList(ports));
    }

    /**
     * Builds the record.
     *
     * @throws IllegalStateException when id, beat, interval or state is missing
     */
    public WorkerRecord build() {
        // The required fields of RecordField; the decoder checks the same on the wire.
        String id = current(RecordField.ID);
        if (id.isEmpty()) {
            throw new IllegalStateException("a worker record needs a non-empty id");
        }
        if (current(RecordField.STATE) == null) {
            throw new IllegalStateException("worker record " + id + " needs a state");
        }
        if (longs[RecordField.BEAT.slot()] == WorkerRecord.UNKNOWN) {
            throw new IllegalStateException("worker record " + id + " needs a beat time");
        }
        long interval = longs[RecordField.INTERVAL.slot()];
        if (interval <= 0) {
            throw new IllegalStateException("worker record " + id + " needs a positive interval, was " + interval);
        }
        return new WorkerRecord(longs.clone(), refs.clone());
    }

    /** Sets a whole-number field (count, epoch ms, bytes, µs): {@code >= 0} or {@link WorkerRecord#UNKNOWN}. */
    WorkerRecordBuilder count(RecordField field, long v) {
        int slot = slot(field, long.class);
        if (v < 0 && v != WorkerRecord.UNKNOWN) {
            throw new IllegalArgumentException(field.wire() + " must be >= 0 or WorkerRecord.UNKNOWN, was " + v);
        }
        longs[slot] = v;
        return this;
    }

    /** Sets a text field; {@code null} means unknown, {@code ""}. */
    WorkerRecordBuilder text(RecordField field, String v) {
        refs[slot(field, String.class)] = v == null ? "" : v;
        return this;
    }

    WorkerRecordBuilder flag(RecordField field, boolean v) {
        longs[slot(field, boolean.class)] = v ? 1 : 0;
        return this;
    }

    /** Sets a load field: within 0..1 or {@link WorkerRecord#UNKNOWN} ({@code -1.0}). */
    WorkerRecordBuilder load(RecordField field, double v) {
        int slot = slot(field, double.class);
        if (v != WorkerRecord.UNKNOWN && !(v >= 0.0 && v <= 1.0)) {
            throw new IllegalArgumentException(field.wire() + " must be within 0..1 or WorkerRecord.UNKNOWN, was " + v);
        }
        longs[slot] = Double.doubleToLongBits(v);
        return this;
    }

    /** Sets an enum, labels or ports field to an immutable value its named setter has checked. */
    private WorkerRecordBuilder value(RecordField field, Object v) {
        refs[field.slot()] = v;
        return this;
    }

    @SuppressWarnings("unchecked")
    private <T> T current(RecordField field) {
        return (T) refs[field.slot()];
    }

    /** The field's slot, after checking the field holds {@code valueType}: a wrong pairing would overwrite another field. */
    private static int slot(RecordField field, Class<?> valueType) {
        if (field.type().valueType() != valueType) {
            throw new IllegalArgumentException(field.wire() + " holds " + field.type().valueType() + ", not " + valueType);
        }
        return field.slot();
    }

    private static void checkLabel(String key, String value) {
        if (key == null || key.isEmpty() || value == null) {
            throw new IllegalArgumentException("label key must be non-empty and value non-null, was "
                    + key + "=" + value);
        }
    }
}
