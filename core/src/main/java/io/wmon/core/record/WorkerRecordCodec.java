package io.wmon.core.record;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.StringJoiner;

/**
 * Converts a {@link WorkerRecord} to and from the string map of its Redis hash (schema v1).
 *
 * <p>{@link #encode} always writes every v1 field, an empty string where a value is unknown:
 * an {@code HSET} of the whole map then overwrites every field, so no value from an earlier
 * heartbeat can linger, and a reader sees the same field set from every writer.
 *
 * <p>{@link #decode} never throws: a reader lists thousands of hashes that anyone with access
 * to Redis may have written, and one bad hash must cost one line, not the listing.
 */
public final class WorkerRecordCodec {

    private static final String VERSION = Integer.toString(WorkerRecord.SCHEMA_VERSION);

    private WorkerRecordCodec() {
    }

    /** Every v1 field, in {@link RecordField} order. */
    public static Map<String, String> encode(WorkerRecord r) {
        Map<String, String> hash = new LinkedHashMap<>();
        hash.put(RecordField.V.wire(), VERSION);
        hash.put(RecordField.ID.wire(), r.id());
        hash.put(RecordField.HOST.wire(), r.host());
        hash.put(RecordField.PID.wire(), count(r.pid()));
        hash.put(RecordField.STARTED.wire(), count(r.startedMillis()));
        hash.put(RecordField.BEAT.wire(), count(r.beatMillis()));
        hash.put(RecordField.INTERVAL.wire(), count(r.intervalMillis()));
        hash.put(RecordField.STATE.wire(), r.state().wire());
        hash.put(RecordField.JOB.wire(), r.job());
        hash.put(RecordField.PROCESSED.wire(), count(r.processedCount()));
        hash.put(RecordField.FAILED.wire(), count(r.failedCount()));
        hash.put(RecordField.AGENT.wire(), r.agentVersion());
        hash.put(RecordField.JVM.wire(), r.javaVersion());
        hash.put(RecordField.HEAP_USED.wire(), count(r.heapUsedBytes()));
        hash.put(RecordField.HEAP_MAX.wire(), count(r.heapMaxBytes()));
        hash.put(RecordField.THREADS.wire(), count(r.threadCount()));
        // Plain decimal: Double.toString would write 1.0E-4, which simple readers misparse.
        hash.put(RecordField.CPU.wire(), r.cpuLoad() == WorkerRecord.UNKNOWN ? ""
                : BigDecimal.valueOf(r.cpuLoad()).toPlainString());
        hash.put(RecordField.POOL_ACTIVE.wire(), count(r.poolActive()));
        hash.put(RecordField.POOL_IDLE.wire(), count(r.poolIdle()));
        hash.put(RecordField.POOL_WAITERS.wire(), count(r.poolWaiters()));
        hash.put(RecordField.POOL_MAX.wire(), count(r.poolMaxTotal()));
        hash.put(RecordField.POOL_EXHAUSTED.wire(), count(r.poolExhaustedCount()));
        hash.put(RecordField.APP_POOLS.wire(), count(r.appPoolCount()));
        hash.put(RecordField.APP_ACTIVE.wire(), count(r.appActiveConnections()));
        hash.put(RecordField.APP_IDLE.wire(), count(r.appIdleConnections()));
        hash.put(RecordField.PUBSUB.wire(), r.pubSubOpen() ? "1" : "0");
        hash.put(RecordField.RTT_US.wire(), count(r.redisRoundTripMicros()));
        hash.put(RecordField.BREAKER.wire(), r.breaker().wire());
        hash.put(RecordField.LABELS.wire(), LabelsCodec.encode(r.labels()));
        hash.put(RecordField.REDIS_SOCKETS.wire(), count(r.redisSocketCount()));
        hash.put(RecordField.APP_SOCKETS.wire(), count(r.appRedisSocketCount()));
        hash.put(RecordField.LOCAL_PORTS.wire(), ports(r.localPorts()));
        hash.put(RecordField.LEAK.wire(), r.leakAlarm() ? "1" : "0");
        return hash;
    }

    /**
     * Decodes what {@code HGETALL} returned; never throws. Unknown fields are ignored.
     *
     * @param hash the field map; null or empty (a missing key) is invalid
     */
    public static DecodedRecord decode(Map<String, String> hash) {
        try {
            return decodeOrReject(hash);
        } catch (RuntimeException bug) {
            // Only a bug in this class gets here; it must still cost one record, not the listing.
            return DecodedRecord.invalid("unreadable record (" + bug + ")");
        }
    }

    private static DecodedRecord decodeOrReject(Map<String, String> hash) {
        if (hash == null || hash.isEmpty()) {
            return DecodedRecord.invalid("the record hash is empty or missing");
        }
        RecordFieldParser p = new RecordFieldParser(hash);
        String version = p.raw(RecordField.V);
        if (version == null || version.isEmpty()) {
            return DecodedRecord.invalid("no schema version (field v)");
        }
        if (!version.equals(VERSION)) {
            return DecodedRecord.invalid("schema version " + RecordFieldParser.quote(version)
                    + " is not supported (this reader knows v" + VERSION + ")");
        }
        String id = p.raw(RecordField.ID);
        if (id == null || id.isEmpty()) {
            return DecodedRecord.invalid("no worker id (field id)");
        }
        String reason = requiredCount(p, RecordField.BEAT);
        if (reason == null) {
            reason = requiredCount(p, RecordField.INTERVAL);
        }
        if (reason != null) {
            return DecodedRecord.invalid(reason);
        }
        long interval = RecordFieldParser.parseCount(p.raw(RecordField.INTERVAL)).getAsLong();
        if (interval == 0) {
            return DecodedRecord.invalid("interval '0' must be a positive number of ms");
        }
        String state = p.raw(RecordField.STATE);
        if (state == null || state.isEmpty()) {
            return DecodedRecord.invalid("no state (field state)");
        }
        if (WorkerState.fromWire(state).isEmpty()) {
            return DecodedRecord.invalid("state " + RecordFieldParser.quote(state) + " is not one of "
                    + "starting|idle|busy|paused|stopping|stopped");
        }
        WorkerRecord record = WorkerRecord.builder()
                .id(p.text(RecordField.ID)).host(p.text(RecordField.HOST)).pid(p.count(RecordField.PID))
                .startedMillis(p.count(RecordField.STARTED)).beatMillis(p.count(RecordField.BEAT))
                .intervalMillis(interval).state(WorkerState.fromWire(state).get())
                .job(p.text(RecordField.JOB)).processedCount(p.count(RecordField.PROCESSED))
                .failedCount(p.count(RecordField.FAILED)).agentVersion(p.text(RecordField.AGENT))
                .javaVersion(p.text(RecordField.JVM)).heapUsedBytes(p.count(RecordField.HEAP_USED))
                .heapMaxBytes(p.count(RecordField.HEAP_MAX)).threadCount(p.count(RecordField.THREADS))
                .cpuLoad(p.load(RecordField.CPU)).poolActive(p.count(RecordField.POOL_ACTIVE))
                .poolIdle(p.count(RecordField.POOL_IDLE)).poolWaiters(p.count(RecordField.POOL_WAITERS))
                .poolMaxTotal(p.count(RecordField.POOL_MAX))
                .poolExhaustedCount(p.count(RecordField.POOL_EXHAUSTED))
                .appPoolCount(p.count(RecordField.APP_POOLS))
                .appActiveConnections(p.count(RecordField.APP_ACTIVE))
                .appIdleConnections(p.count(RecordField.APP_IDLE))
                .pubSubOpen(p.flag(RecordField.PUBSUB))
                .redisRoundTripMicros(p.count(RecordField.RTT_US)).breaker(p.breaker())
                .labels(LabelsCodec.decode(p.raw(RecordField.LABELS), p::problem))
                .redisSocketCount(p.count(RecordField.REDIS_SOCKETS))
                .appRedisSocketCount(p.count(RecordField.APP_SOCKETS))
                .localPorts(p.ports()).leakAlarm(p.flag(RecordField.LEAK))
                .build();
        return DecodedRecord.valid(record, p.problems());
    }

    /** Null when the field holds a usable number, otherwise the reason the record is invalid. */
    private static String requiredCount(RecordFieldParser p, RecordField field) {
        String text = p.raw(field);
        if (text == null || text.isEmpty()) {
            return "no " + field.wire() + " (field " + field.wire() + ")";
        }
        OptionalLong value = RecordFieldParser.parseCount(text);
        return value.isPresent() ? null : field.wire() + " " + RecordFieldParser.notACount(text);
    }

    private static String count(long value) {
        return value == WorkerRecord.UNKNOWN ? "" : Long.toString(value);
    }

    private static String ports(List<Integer> ports) {
        StringJoiner joined = new StringJoiner(",");
        ports.forEach(port -> joined.add(port.toString()));
        return joined.toString();
    }
}
