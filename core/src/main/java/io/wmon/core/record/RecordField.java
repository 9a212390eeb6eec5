package io.wmon.core.record;

import static io.wmon.core.record.FieldType.BREAKER_STATE;
import static io.wmon.core.record.FieldType.COUNT;
import static io.wmon.core.record.FieldType.FLAG;
import static io.wmon.core.record.FieldType.LABEL_MAP;
import static io.wmon.core.record.FieldType.LOAD;
import static io.wmon.core.record.FieldType.PERIOD;
import static io.wmon.core.record.FieldType.PORT_LIST;
import static io.wmon.core.record.FieldType.SCHEMA;
import static io.wmon.core.record.FieldType.TEXT;
import static io.wmon.core.record.FieldType.WORKER_STATE;

/**
 * The fields of a schema v1 worker record hash, in the order of the design document; the one
 * table that the record's storage, its builder and {@link WorkerRecordCodec} are driven by.
 *
 * <p>Every field is a string on the wire: numbers in decimal, times in epoch milliseconds, an
 * empty string where the value is unknown. Each constant names its wire field and its type
 * (package-private {@code FieldType}), which says how the value is stored, written and read
 * back, and what "unknown" is. The {@link #isRequired() required} fields are those a reader needs to classify
 * and count a worker (alive/stale needs {@code beat} and {@code interval}, busy/idle needs
 * {@code state}); without any of them the record is invalid. A bad value in any other field is
 * reported as a problem but leaves the record readable, so that a broken measurement never
 * hides a live worker.
 *
 * <p><b>Adding a field</b>:
 * <ol>
 *   <li>add a constant here with its wire name and type ({@code COUNT} for counts, times, bytes,
 *       micros; {@code FLAG}; {@code TEXT}; ...). The constant's position is the order encode
 *       writes the fields in; put it at the end. The codec, the record's storage, its copy and
 *       {@code equals} need nothing more;</li>
 *   <li>add its accessor to {@link WorkerRecord} ({@code return count(RecordField.X);}) and, if
 *       the agent sets it, a one-line setter to {@link WorkerRecordBuilder}
 *       ({@code return count(RecordField.X, v);});</li>
 *   <li>set it in the tests' {@code SampleRecords.full}, which the round-trip tests check covers
 *       every field, and list it in the design document and {@code docs/redis-model.md}.</li>
 * </ol>
 * A new field is never required: a reader would then find every record written by an older
 * agent invalid. That would be a new schema version.
 */
public enum RecordField {
    V("v", SCHEMA, "schema version"),
    ID("id", TEXT, "worker id"),
    HOST("host", TEXT),
    PID("pid", COUNT),
    STARTED("started", COUNT),
    BEAT("beat", COUNT, "beat"),
    INTERVAL("interval", PERIOD, "interval"),
    STATE("state", WORKER_STATE, "state"),
    JOB("job", TEXT),
    PROCESSED("processed", COUNT),
    FAILED("failed", COUNT),
    AGENT("agent", TEXT),
    JVM("jvm", TEXT),
    HEAP_USED("heap_used", COUNT),
    HEAP_MAX("heap_max", COUNT),
    THREADS("threads", COUNT),
    CPU("cpu", LOAD),
    POOL_ACTIVE("pool_active", COUNT),
    POOL_IDLE("pool_idle", COUNT),
    POOL_WAITERS("pool_waiters", COUNT),
    POOL_MAX("pool_max", COUNT),
    POOL_EXHAUSTED("pool_exhausted", COUNT),
    APP_POOLS("app_pools", COUNT),
    APP_ACTIVE("app_active", COUNT),
    APP_IDLE("app_idle", COUNT),
    PUBSUB("pubsub", FLAG),
    RTT_US("rtt_us", COUNT),
    BREAKER("breaker", BREAKER_STATE),
    LABELS("labels", LABEL_MAP),
    REDIS_SOCKETS("redis_sockets", COUNT),
    APP_SOCKETS("app_sockets", COUNT),
    LOCAL_PORTS("local_ports", PORT_LIST),
    LEAK("leak", FLAG);

    /** Every field in wire order; {@code values()} would copy the array on each decode. Never written. */
    static final RecordField[] ALL = values();
    private static final long[] UNKNOWN_LONGS = new long[Slots.longs];
    private static final Object[] UNKNOWN_REFS = new Object[Slots.refs];

    static {
        for (RecordField field : ALL) {
            if (field.type.storage() == FieldType.Storage.LONGS) {
                UNKNOWN_LONGS[field.slot] = (Long) field.type.unknown();
            } else if (field.type.storage() == FieldType.Storage.REFS) {
                UNKNOWN_REFS[field.slot] = field.type.unknown();
            }
        }
    }

    private final String wire;
    private final FieldType type;
    private final String requiredAs;
    private final int slot;

    /** An optional field. */
    RecordField(String wire, FieldType type) {
        this(wire, type, null);
    }

    /**
     * @param requiredAs for a required field, what it holds, as the reason for an invalid record
     *     says it ("no worker id (field id)"); null for an optional one
     */
    RecordField(String wire, FieldType type, String requiredAs) {
        this.wire = wire;
        this.type = type;
        this.requiredAs = requiredAs;
        this.slot = Slots.next(type.storage());
    }

    /** The hash field name, e.g. {@code "heap_used"}. */
    public String wire() {
        return wire;
    }

    /** Whether a record without a readable value for this field is invalid. */
    public boolean isRequired() {
        return requiredAs != null;
    }

    FieldType type() {
        return type;
    }

    /** What a required field holds, e.g. {@code "worker id"}; null when optional. */
    String requiredAs() {
        return requiredAs;
    }

    /** The index of this field's value in the array its type is stored in; {@code -1} when not stored. */
    int slot() {
        return slot;
    }

    /** A record's numbers with every field unknown, to fill in; a fresh array. */
    static long[] unknownLongs() {
        return UNKNOWN_LONGS.clone();
    }

    /** A record's objects with every field unknown (and {@code state} null), to fill in; a fresh array. */
    static Object[] unknownRefs() {
        return UNKNOWN_REFS.clone();
    }

    /**
     * Hands out the next free slot of each array while the constants are constructed (an enum's
     * constructor may not use the enum's own static fields, but may use a nested class's).
     */
    private static final class Slots {
        static int longs;
        static int refs;

        static int next(FieldType.Storage storage) {
            switch (storage) {
                case LONGS:
                    return longs++;
                case REFS:
                    return refs++;
                default:
                    return -1;
            }
        }
    }
}
