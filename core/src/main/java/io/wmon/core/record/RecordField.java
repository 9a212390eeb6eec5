package io.wmon.core.record;

/**
 * The fields of a schema v1 worker record hash, in the order of the design document.
 *
 * <p>Every field is a string on the wire: numbers in decimal, times in epoch milliseconds, an
 * empty string where the value is unknown. The {@link #isRequired() required} fields are those a
 * reader needs to classify and count a worker (alive/stale needs {@code beat} and {@code
 * interval}, busy/idle needs {@code state}); without any of them the record is invalid. A bad
 * value in any other field is reported as a problem but leaves the record readable, so that a
 * broken measurement never hides a live worker.
 */
public enum RecordField {
    V("v", true),
    ID("id", true),
    HOST("host", false),
    PID("pid", false),
    STARTED("started", false),
    BEAT("beat", true),
    INTERVAL("interval", true),
    STATE("state", true),
    JOB("job", false),
    PROCESSED("processed", false),
    FAILED("failed", false),
    AGENT("agent", false),
    JVM("jvm", false),
    HEAP_USED("heap_used", false),
    HEAP_MAX("heap_max", false),
    THREADS("threads", false),
    CPU("cpu", false),
    POOL_ACTIVE("pool_active", false),
    POOL_IDLE("pool_idle", false),
    POOL_WAITERS("pool_waiters", false),
    POOL_MAX("pool_max", false),
    POOL_EXHAUSTED("pool_exhausted", false),
    APP_POOLS("app_pools", false),
    APP_ACTIVE("app_active", false),
    APP_IDLE("app_idle", false),
    PUBSUB("pubsub", false),
    RTT_US("rtt_us", false),
    BREAKER("breaker", false),
    LABELS("labels", false),
    REDIS_SOCKETS("redis_sockets", false),
    APP_SOCKETS("app_sockets", false),
    LOCAL_PORTS("local_ports", false),
    LEAK("leak", false);

    private final String wire;
    private final boolean required;

    RecordField(String wire, boolean required) {
        this.wire = wire;
        this.required = required;
    }

    /** The hash field name, e.g. {@code "heap_used"}. */
    public String wire() {
        return wire;
    }

    /** Whether a record without a readable value for this field is invalid. */
    public boolean isRequired() {
        return required;
    }
}
