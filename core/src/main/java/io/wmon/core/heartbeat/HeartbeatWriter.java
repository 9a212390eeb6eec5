package io.wmon.core.heartbeat;

import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.record.RecordField;
import io.wmon.core.record.WorkerRecord;
import io.wmon.core.record.WorkerRecordCodec;
import io.wmon.core.record.WorkerState;
import io.wmon.core.redis.RedisPipelines;
import io.wmon.core.redis.RedisUnavailableException;
import io.wmon.core.redis.SharedPool;
import io.wmon.core.redis.TransientReplies;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Publishes a worker's record: one pipelined round trip per heartbeat, on a connection borrowed
 * from the shared pool only for that round trip.
 *
 * <p>A heartbeat sets the record's fields ({@link #write} every v1 field, {@link #writeChanges}
 * only those that changed since the last beat, the agent's way), renews the hash's expiry, and
 * moves the worker's registry score to its beat. Thread-safe: it holds no state of its own; the
 * caller keeps the last written hash.
 */
public final class HeartbeatWriter {

    /** The record hash lives this many intervals, so two missed beats do not lose it. */
    public static final int TTL_INTERVALS = 3;
    /** ... but at least this long, ms, so that a short interval plus a GC pause does not either. */
    public static final long MIN_TTL_MILLIS = 15_000;

    private static final Consumer<AbstractPipeline> NOTHING_ALONGSIDE = pipeline -> { };

    private final SharedPool pool;
    private final FleetKeys keys;

    public HeartbeatWriter(SharedPool pool, FleetKeys keys) {
        this.pool = pool;
        this.keys = keys;
    }

    /** The expiry of a record hash written with heartbeat interval {@code intervalMillis}, ms. */
    public static long ttlMillis(long intervalMillis) {
        long ttl = intervalMillis > Long.MAX_VALUE / TTL_INTERVALS ? Long.MAX_VALUE : intervalMillis * TTL_INTERVALS;
        return Math.max(MIN_TTL_MILLIS, ttl);
    }

    /**
     * Writes one heartbeat: {@code HSET} the record, {@code PEXPIRE} the hash, {@code ZADD} the
     * registry with score = beat; one round trip.
     *
     * @throws IllegalArgumentException when the record's id cannot be part of a key
     * @throws RedisUnavailableException when Redis cannot be reached
     * @throws IllegalStateException when Redis rejects a command (e.g. the key holds another type)
     */
    public void write(WorkerRecord record) {
        writeFields(record, WorkerRecordCodec.encode(record), false, NOTHING_ALONGSIDE);
    }

    /**
     * Writes one heartbeat sending only the fields that changed since {@code previous}, the hash
     * this method returned last time (pass {@code null} after a failure or for the first beat: the
     * whole record is written). Still one round trip, with {@code PEXPIRE} and {@code ZADD}.
     *
     * <p>A heartbeat carries some 33 fields of which a handful change from beat to beat, and
     * encoding and sending the rest is most of a beat's CPU. The same pipeline asks {@code HLEN}:
     * if the hash holds fewer fields than the record (it expired, Redis restarted empty or was
     * flushed, someone deleted the hash or some of its fields), the whole record is written at once
     * in a second round trip, so a reader can see an incomplete record only for that instant.
     *
     * @return the whole record as written, to pass as {@code previous} next time
     * @throws IllegalArgumentException when the record's id cannot be part of a key
     * @throws RedisUnavailableException when Redis cannot be reached
     * @throws IllegalStateException when Redis rejects a command (e.g. the key holds another type)
     */
    public Map<String, String> writeChanges(WorkerRecord record, Map<String, String> previous) {
        return writeChanges(record, previous, NOTHING_ALONGSIDE);
    }

    /**
     * {@link #writeChanges(WorkerRecord, Map)}, with more commands in the heartbeat's (first) pipeline:
     * {@code alongside} queues them after the record's, so they cost no round trip of their own (the
     * agent's pending events ride this way). Their replies are the caller's to read once this returns or
     * throws; the record's replies are checked here as before. {@code alongside} may be called a second
     * time for the same beat when the shared pool retries the beat on a fresh connection.
     */
    public Map<String, String> writeChanges(WorkerRecord record, Map<String, String> previous,
            Consumer<AbstractPipeline> alongside) {
        Map<String, String> hash = WorkerRecordCodec.encode(record);
        if (previous == null) {
            writeFields(record, hash, false, alongside);
            return hash;
        }
        Map<String, String> changed = new HashMap<>();
        for (Map.Entry<String, String> field : hash.entrySet()) {
            if (!field.getValue().equals(previous.get(field.getKey()))) {
                changed.put(field.getKey(), field.getValue());
            }
        }
        if (changed.isEmpty()) {
            // Two beats in one millisecond: still renew the hash with a field that exists.
            changed.put(RecordField.BEAT.wire(), hash.get(RecordField.BEAT.wire()));
        }
        long fieldsInRedis = writeFields(record, changed, true, alongside);
        if (fieldsInRedis < hash.size()) {
            writeFields(record, hash, false, NOTHING_ALONGSIDE);
        }
        return hash;
    }

    /**
     * HSET {@code fields}, PEXPIRE, ZADD in one round trip, with HLEN after the HSET when
     * {@code countFields}; returns how many fields the hash holds then ({@code -1} when not asked).
     */
    private long writeFields(WorkerRecord record, Map<String, String> fields, boolean countFields,
            Consumer<AbstractPipeline> alongside) {
        String key = keys.worker(record.id());
        long ttl = ttlMillis(record.intervalMillis());
        return pool.call(client -> {
            try (AbstractPipeline pipeline = RedisPipelines.open(client)) {
                List<Response<?>> replies = new ArrayList<>(4);
                replies.add(pipeline.hset(key, fields));
                Response<Long> fieldCount = countFields ? pipeline.hlen(key) : null;
                if (fieldCount != null) {
                    replies.add(fieldCount);
                }
                replies.add(pipeline.pexpire(key, ttl));
                replies.add(pipeline.zadd(keys.workers(), record.beatMillis(), record.id()));
                alongside.accept(pipeline);
                pipeline.sync();
                checkReplies(record.id(), replies);
                return fieldCount == null ? -1 : fieldCount.get();
            }
        });
    }

    /**
     * Records a clean stop: writes the record with state {@code stopped}, renews its expiry, and
     * removes the worker from the registry, in one round trip. Readers then no longer list it,
     * while the hash stays readable until it expires.
     *
     * <p>The whole record is written rather than only {@code state}: if the hash had just
     * expired, a lone {@code HSET state stopped} would create a one-field hash without expiry.
     *
     * @throws IllegalArgumentException when the record's id cannot be part of a key
     * @throws RedisUnavailableException when Redis cannot be reached
     * @throws IllegalStateException when Redis rejects a command
     */
    public void markStopped(WorkerRecord record) {
        markStopped(record, NOTHING_ALONGSIDE);
    }

    /**
     * {@link #markStopped(WorkerRecord)}, with {@code alongside}'s commands in the same round trip (the
     * agent's last events, {@code down} among them); their replies are the caller's to read.
     */
    public void markStopped(WorkerRecord record, Consumer<AbstractPipeline> alongside) {
        String key = keys.worker(record.id());
        Map<String, String> hash = WorkerRecordCodec.encode(record.toBuilder().state(WorkerState.STOPPED).build());
        long ttl = ttlMillis(record.intervalMillis());
        pool.run(client -> {
            try (AbstractPipeline pipeline = RedisPipelines.open(client)) {
                List<Response<?>> replies = List.of(
                        pipeline.hset(key, hash),
                        pipeline.pexpire(key, ttl),
                        pipeline.zrem(keys.workers(), record.id()));
                alongside.accept(pipeline);
                pipeline.sync();
                checkReplies(record.id(), replies);
            }
        });
    }

    private void checkReplies(String id, List<Response<?>> replies) {
        for (Response<?> reply : replies) {
            try {
                reply.get();
            } catch (JedisDataException rejected) {
                if (String.valueOf(rejected.getMessage()).startsWith("NOPERM")
                        || TransientReplies.isTransient(rejected.getMessage())) {
                    // An ACL refusal (the shared pool names the command and the grant), or "not now" (CLUSTERDOWN, READONLY).
                    throw rejected;
                }
                throw new IllegalStateException("Redis rejected the heartbeat of worker " + id + " in namespace "
                        + keys.namespace() + " (" + rejected.getMessage() + "); is another application using "
                        + keys.worker(id) + " or " + keys.workers() + "?", rejected);
            }
        }
    }
}
