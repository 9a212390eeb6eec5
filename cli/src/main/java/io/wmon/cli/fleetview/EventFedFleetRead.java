package io.wmon.cli.fleetview;

import io.wmon.core.event.DecodedEvent;
import io.wmon.core.event.EventStreamReader;
import io.wmon.core.event.StreamCursor;
import io.wmon.core.event.StreamFollower;
import io.wmon.core.event.StreamFollower.FollowStep;
import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.fleet.FleetReader;
import io.wmon.core.fleet.FleetSnapshot;
import io.wmon.core.fleet.WorkerEntry;
import io.wmon.core.record.RecordField;
import io.wmon.core.record.WorkerRecordCodec;
import io.wmon.core.redis.RedisPipelines;
import io.wmon.core.redis.SharedPool;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.resps.Tuple;

/**
 * The fleet read of {@code status --continuous}: the whole fleet on the first cycle and every
 * {@link #FULL_READ_EVERY}; between those, for a fleet of {@value #MIN_WORKERS} workers or more, one
 * round trip for the registry ({@code ZRANGE … WITHSCORES}) and the event stream since the last cycle,
 * and one more for the record hashes of the workers the events name and of members it has not seen.
 *
 * <p>So every cycle is as exact as a full read in what the view is for: each worker's age and
 * status come from its registry score (its last beat), and a worker that changed state, came up,
 * went down or was reported stale is read whole. What can be one full-read period old is the rest
 * of a worker without events (job counters, heap, pool figures), and a record that expired without
 * a reader's {@code down} event shows stale, not gone, until the next full read. Measured on 10,000
 * workers with 1 % changing per interval, a cycle costs Redis about an eighth of a full read
 * ({@code docs/performance.md}); below {@value #MIN_WORKERS} workers a full read costs Redis under
 * 10 ms, and every cycle stays one.
 *
 * <p>After Redis lost its data (the stream is not the one followed), the cycle is a full read. One
 * instance per view; not thread-safe.
 */
public final class EventFedFleetRead implements Supplier<FleetSnapshot> {

    /** The smallest fleet whose cycles between full reads follow the stream. */
    public static final int MIN_WORKERS = 1_000;
    /** The longest time between two full reads. */
    public static final Duration FULL_READ_EVERY = Duration.ofSeconds(60);

    private final SharedPool pool;
    private final FleetReader reader;
    private final FleetKeys keys;
    private final EventStreamReader events;
    private final Duration staleAfter;
    private final Clock clock;
    // The last hash known of each registry member with a readable record; null while cycles are full reads.
    private Map<String, Map<String, String>> known;
    private StreamFollower follower;
    private long lastFullMillis;
    private long fullReads;
    private long eventReads;

    /** @param staleAfter the age from which a worker is stale; null for each worker's default */
    public EventFedFleetRead(SharedPool pool, FleetReader reader, FleetKeys keys, Duration staleAfter, Clock clock) {
        this.pool = pool;
        this.reader = reader;
        this.keys = keys;
        this.events = new EventStreamReader(keys);
        this.staleAfter = staleAfter;
        this.clock = clock;
    }

    @Override
    public FleetSnapshot get() {
        if (known == null || follower == null || clock.millis() - lastFullMillis >= FULL_READ_EVERY.toMillis()) {
            return fullRead();
        }
        return eventRead();
    }

    /** Full reads so far. */
    public long fullReads() {
        return fullReads;
    }

    /** Cycles served from the registry, the stream and the changed hashes so far. */
    public long eventReads() {
        return eventReads;
    }

    private FleetSnapshot fullRead() {
        fullReads++;
        // The cursor first: an event written during the read is then read again next cycle, never missed.
        StreamCursor cursor = null;
        try {
            cursor = StreamCursor.atEnd(pool.call(events::state));
        } catch (IllegalStateException notAStream) {
            // Another application's key: no events to follow; every cycle reads the whole fleet.
        }
        FleetSnapshot snapshot = reader.read(staleAfter);
        lastFullMillis = clock.millis();
        if (cursor == null || snapshot.workerCount() < MIN_WORKERS) {
            known = null;
            follower = null;
            return snapshot;
        }
        follower = new StreamFollower(events, cursor);
        known = new HashMap<>();
        for (WorkerEntry entry : snapshot.workers()) {
            if (entry.record() != null) {
                known.put(entry.id(), new HashMap<>(WorkerRecordCodec.encode(entry.record())));
            }
        }
        return snapshot;
    }

    private FleetSnapshot eventRead() {
        Cycle cycle;
        try {
            cycle = pool.call(client -> {
                try (AbstractPipeline pipeline = RedisPipelines.open(client)) {
                    return readWith(pipeline);
                }
            });
        } catch (IllegalStateException streamTurnedBad) {
            return fullRead();
        }
        if (cycle == null) {
            return fullRead(); // the stream is not the one followed (Redis lost its data), or a key turned odd
        }
        eventReads++;
        return reader.classify(cycle.registry, known, staleAfter, cycle.roundTrips);
    }

    private Cycle readWith(AbstractPipeline pipeline) {
        Response<List<Tuple>> registry = pipeline.zrangeWithScores(keys.workers(), 0, -1);
        FollowStep step = follower.next(pipeline, 0); // syncs the registry read too
        if (step.resumption().isLost()) {
            return null;
        }
        List<Tuple> members = registry.get();
        Set<String> toRead = new LinkedHashSet<>();
        for (DecodedEvent event : step.batch().valid()) {
            toRead.add(event.event().worker());
        }
        Set<String> present = new HashSet<>();
        for (Tuple member : members) {
            String id = member.getElement();
            present.add(id);
            Map<String, String> hash = known.get(id);
            if (hash == null) {
                toRead.add(id);
            } else {
                hash.put(RecordField.BEAT.wire(), Long.toString((long) member.getScore()));
            }
        }
        known.keySet().retainAll(present);
        toRead.retainAll(present);
        int roundTrips = 1;
        List<String> ids = new ArrayList<>(toRead);
        for (int from = 0; from < ids.size(); from += FleetReader.BATCH_SIZE) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + FleetReader.BATCH_SIZE));
            List<Response<Map<String, String>>> hashes = new ArrayList<>(batch.size());
            for (String id : batch) {
                hashes.add(FleetKeys.isValidWorkerId(id) ? pipeline.hgetAll(keys.worker(id)) : null);
            }
            pipeline.sync();
            roundTrips++;
            for (int i = 0; i < batch.size(); i++) {
                if (hashes.get(i) == null) {
                    known.remove(batch.get(i)); // not a valid id: classified invalid from the registry alone
                    continue;
                }
                Map<String, String> hash = readable(hashes.get(i));
                if (hash == null) {
                    return null; // a key of another type: the full read reports it as it should
                }
                known.put(batch.get(i), new HashMap<>(hash));
            }
        }
        return new Cycle(members, roundTrips);
    }

    /** The hash, or null when Redis refused it (WRONGTYPE). */
    private static Map<String, String> readable(Response<Map<String, String>> reply) {
        try {
            return reply.get();
        } catch (RuntimeException refused) {
            return null;
        }
    }

    /** What one event-fed cycle read. */
    private static final class Cycle {
        final List<Tuple> registry;
        final int roundTrips;

        Cycle(List<Tuple> registry, int roundTrips) {
            this.registry = registry;
            this.roundTrips = roundTrips;
        }
    }
}
