package io.wmon.core.record;

import java.util.ArrayList;
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
 */
public final class WorkerRecordBuilder {

    String id;
    String host = "";
    long pid = WorkerRecord.UNKNOWN;
    long startedMillis = WorkerRecord.UNKNOWN;
    long beatMillis = WorkerRecord.UNKNOWN;
    long intervalMillis = WorkerRecord.UNKNOWN;
    WorkerState state;
    String job = "";
    long processedCount = WorkerRecord.UNKNOWN;
    long failedCount = WorkerRecord.UNKNOWN;
    String agentVersion = "";
    String javaVersion = "";
    long heapUsedBytes = WorkerRecord.UNKNOWN;
    long heapMaxBytes = WorkerRecord.UNKNOWN;
    long threadCount = WorkerRecord.UNKNOWN;
    double cpuLoad = WorkerRecord.UNKNOWN;
    long poolActive = WorkerRecord.UNKNOWN;
    long poolIdle = WorkerRecord.UNKNOWN;
    long poolWaiters = WorkerRecord.UNKNOWN;
    long poolMaxTotal = WorkerRecord.UNKNOWN;
    long poolExhaustedCount = WorkerRecord.UNKNOWN;
    long appPoolCount = WorkerRecord.UNKNOWN;
    long appActiveConnections = WorkerRecord.UNKNOWN;
    long appIdleConnections = WorkerRecord.UNKNOWN;
    boolean pubSubOpen;
    long redisRoundTripMicros = WorkerRecord.UNKNOWN;
    BreakerState breaker = BreakerState.UNKNOWN;
    final Map<String, String> labels = new LinkedHashMap<>();
    long redisSocketCount = WorkerRecord.UNKNOWN;
    long appRedisSocketCount = WorkerRecord.UNKNOWN;
    final List<Integer> localPorts = new ArrayList<>();
    boolean leakAlarm;

    WorkerRecordBuilder() {
    }

    WorkerRecordBuilder(WorkerRecord r) {
        id(r.id()).host(r.host()).pid(r.pid()).startedMillis(r.startedMillis())
                .beatMillis(r.beatMillis()).intervalMillis(r.intervalMillis()).state(r.state())
                .job(r.job()).processedCount(r.processedCount()).failedCount(r.failedCount())
                .agentVersion(r.agentVersion()).javaVersion(r.javaVersion())
                .heapUsedBytes(r.heapUsedBytes()).heapMaxBytes(r.heapMaxBytes())
                .threadCount(r.threadCount()).cpuLoad(r.cpuLoad()).poolActive(r.poolActive())
                .poolIdle(r.poolIdle()).poolWaiters(r.poolWaiters()).poolMaxTotal(r.poolMaxTotal())
                .poolExhaustedCount(r.poolExhaustedCount()).appPoolCount(r.appPoolCount())
                .appActiveConnections(r.appActiveConnections())
                .appIdleConnections(r.appIdleConnections()).pubSubOpen(r.pubSubOpen())
                .redisRoundTripMicros(r.redisRoundTripMicros()).breaker(r.breaker())
                .labels(r.labels()).redisSocketCount(r.redisSocketCount())
                .appRedisSocketCount(r.appRedisSocketCount()).localPorts(r.localPorts())
                .leakAlarm(r.leakAlarm());
    }

    public WorkerRecordBuilder id(String v) { id = v; return this; }
    public WorkerRecordBuilder host(String v) { host = text(v); return this; }
    public WorkerRecordBuilder pid(long v) { pid = count("pid", v); return this; }
    public WorkerRecordBuilder startedMillis(long v) { startedMillis = count("started", v); return this; }
    public WorkerRecordBuilder beatMillis(long v) { beatMillis = count("beat", v); return this; }
    public WorkerRecordBuilder intervalMillis(long v) { intervalMillis = count("interval", v); return this; }
    public WorkerRecordBuilder state(WorkerState v) { state = v; return this; }
    public WorkerRecordBuilder job(String v) { job = text(v); return this; }
    public WorkerRecordBuilder processedCount(long v) { processedCount = count("processed", v); return this; }
    public WorkerRecordBuilder failedCount(long v) { failedCount = count("failed", v); return this; }
    public WorkerRecordBuilder agentVersion(String v) { agentVersion = text(v); return this; }
    public WorkerRecordBuilder javaVersion(String v) { javaVersion = text(v); return this; }
    public WorkerRecordBuilder heapUsedBytes(long v) { heapUsedBytes = count("heap_used", v); return this; }
    public WorkerRecordBuilder heapMaxBytes(long v) { heapMaxBytes = count("heap_max", v); return this; }
    public WorkerRecordBuilder threadCount(long v) { threadCount = count("threads", v); return this; }
    public WorkerRecordBuilder poolActive(long v) { poolActive = count("pool_active", v); return this; }
    public WorkerRecordBuilder poolIdle(long v) { poolIdle = count("pool_idle", v); return this; }
    public WorkerRecordBuilder poolWaiters(long v) { poolWaiters = count("pool_waiters", v); return this; }
    public WorkerRecordBuilder poolMaxTotal(long v) { poolMaxTotal = count("pool_max", v); return this; }
    public WorkerRecordBuilder poolExhaustedCount(long v) { poolExhaustedCount = count("pool_exhausted", v); return this; }
    public WorkerRecordBuilder appPoolCount(long v) { appPoolCount = count("app_pools", v); return this; }
    public WorkerRecordBuilder appActiveConnections(long v) { appActiveConnections = count("app_active", v); return this; }
    public WorkerRecordBuilder appIdleConnections(long v) { appIdleConnections = count("app_idle", v); return this; }
    public WorkerRecordBuilder pubSubOpen(boolean v) { pubSubOpen = v; return this; }
    public WorkerRecordBuilder redisRoundTripMicros(long v) { redisRoundTripMicros = count("rtt_us", v); return this; }
    public WorkerRecordBuilder redisSocketCount(long v) { redisSocketCount = count("redis_sockets", v); return this; }
    public WorkerRecordBuilder appRedisSocketCount(long v) { appRedisSocketCount = count("app_sockets", v); return this; }
    public WorkerRecordBuilder leakAlarm(boolean v) { leakAlarm = v; return this; }

    /** Process CPU load 0..1, or {@link WorkerRecord#UNKNOWN} ({@code -1}). */
    public WorkerRecordBuilder cpuLoad(double v) {
        if (v != WorkerRecord.UNKNOWN && !(v >= 0.0 && v <= 1.0)) {
            throw new IllegalArgumentException("cpu must be within 0..1 or WorkerRecord.UNKNOWN, was " + v);
        }
        cpuLoad = v;
        return this;
    }

    /** The breaker state; {@code null} means {@link BreakerState#UNKNOWN}. */
    public WorkerRecordBuilder breaker(BreakerState v) {
        breaker = v == null ? BreakerState.UNKNOWN : v;
        return this;
    }

    /** Replaces the labels; keys must be non-empty, neither keys nor values null. */
    public WorkerRecordBuilder labels(Map<String, String> v) {
        labels.clear();
        v.forEach(this::label);
        return this;
    }

    /** Adds or replaces one label. */
    public WorkerRecordBuilder label(String key, String value) {
        if (key == null || key.isEmpty() || value == null) {
            throw new IllegalArgumentException("label key must be non-empty and value non-null, was "
                    + key + "=" + value);
        }
        labels.put(key, value);
        return this;
    }

    /** Replaces the local ports (1..65535); only the first {@link WorkerRecord#MAX_LOCAL_PORTS} are kept. */
    public WorkerRecordBuilder localPorts(List<Integer> v) {
        localPorts.clear();
        for (Integer port : v) {
            if (port == null || port < 1 || port > 65535) {
                throw new IllegalArgumentException("local port must be within 1..65535, was " + port);
            }
            if (localPorts.size() < WorkerRecord.MAX_LOCAL_PORTS) {
                localPorts.add(port);
            }
        }
        return this;
    }

    /**
     * Builds the record.
     *
     * @throws IllegalStateException when id, beat, interval or state is missing
     */
    public WorkerRecord build() {
        if (id == null || id.isEmpty()) {
            throw new IllegalStateException("a worker record needs a non-empty id");
        }
        if (state == null) {
            throw new IllegalStateException("worker record " + id + " needs a state");
        }
        if (beatMillis == WorkerRecord.UNKNOWN) {
            throw new IllegalStateException("worker record " + id + " needs a beat time");
        }
        if (intervalMillis <= 0) {
            throw new IllegalStateException("worker record " + id + " needs a positive interval, was "
                    + intervalMillis);
        }
        return new WorkerRecord(this);
    }

    private static long count(String field, long v) {
        if (v < 0 && v != WorkerRecord.UNKNOWN) {
            throw new IllegalArgumentException(field + " must be >= 0 or WorkerRecord.UNKNOWN, was " + v);
        }
        return v;
    }

    private static String text(String v) {
        return v == null ? "" : v;
    }
}
