package io.wmon.core.fleet;

import io.wmon.core.redis.RedisPipelines;
import io.wmon.core.redis.RedisUnavailableException;
import io.wmon.core.redis.SharedPool;
import io.wmon.core.redis.TransientReplies;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.resps.Tuple;

/**
 * Reads a whole namespace from Redis and classifies every worker (alive, stale, gone, invalid).
 *
 * <p>One read borrows one connection and takes {@code 1 + ceil(N / }{@value #BATCH_SIZE}{@code )}
 * round trips: {@code ZRANGE workers 0 -1 WITHSCORES}, then the record hashes with pipelined
 * {@code HGETALL} in batches, so that the cost grows with the fleet in batches, never in round
 * trips per worker, and a big fleet never makes one giant reply. A record that cannot be read
 * costs one {@link EntryStatus#INVALID} entry, never the listing. Thread-safe.
 */
public final class FleetReader {

    private static final String NOT_A_WORKER_ID = "registry member is not a valid worker id ("
            + FleetKeys.WORKER_ID_FORM + ")";

    /** Record hashes fetched per round trip. */
    public static final int BATCH_SIZE = 1_000;

    private final SharedPool pool;
    private final FleetKeys keys;
    private final Clock clock;
    private final Executor decoder;

    /** @param clock measures the workers' ages; their beats are epoch ms, so it should be the system clock */
    public FleetReader(SharedPool pool, FleetKeys keys, Clock clock) {
        this(pool, keys, clock, null);
    }

    /**
     * A reader that decodes each batch of replies on {@code decoder} while the next batch crosses
     * the network, so that a big fleet's read costs about the larger of the two, not their sum. At
     * most two batches of raw replies are alive at a time.
     *
     * @param decoder runs the decoding; null decodes on the calling thread
     */
    public FleetReader(SharedPool pool, FleetKeys keys, Clock clock, Executor decoder) {
        this.pool = pool;
        this.keys = keys;
        this.clock = clock;
        this.decoder = decoder;
    }

    /**
     * Reads the namespace; each worker is stale after 3 × its own heartbeat interval.
     *
     * @throws RedisUnavailableException when Redis cannot be reached, or its ACL refuses the registry read
     * @throws IllegalStateException when the registry key holds another type than a sorted set
     */
    public FleetSnapshot read() {
        return read(null);
    }

    /**
     * Reads the namespace with one stale-after for every worker.
     *
     * @param staleAfter the age from which a worker is stale; null for each worker's default
     * @throws IllegalArgumentException when {@code staleAfter} is zero or negative
     * @throws RedisUnavailableException when Redis cannot be reached, or its ACL refuses the registry read
     * @throws IllegalStateException when the registry key holds another type than a sorted set
     */
    public FleetSnapshot read(Duration staleAfter) {
        Collector collector = new Collector();
        int roundTrips = readInto(staleAfter, collector);
        return new FleetSnapshot(keys.namespace(), collector.generatedAtMillis, roundTrips, collector.entries);
    }

    /**
     * Reads the namespace as {@link #read(Duration)} does, but hands each batch of entries to
     * {@code sink} as soon as it is classified (on the decoder, while the next batch crosses the
     * network) and keeps none of them: memory grows with a batch, plus the registry's ids (the id
     * order needs them all) and the entries the readers' upkeep needs. Entries come in id order,
     * as in a snapshot. When Redis fails midway, the batches already given stay given and the
     * exception reaches the caller; the read is never started over (that would repeat them).
     *
     * @param staleAfter the age from which a worker is stale; null for each worker's default
     * @throws IllegalArgumentException when {@code staleAfter} is zero or negative
     * @throws RedisUnavailableException when Redis cannot be reached, or its ACL refuses the registry read
     * @throws IllegalStateException when the registry key holds another type than a sorted set
     */
    public StreamedRead stream(Duration staleAfter, FleetStream sink) {
        FleetCounts.Tally tally = new FleetCounts.Tally();
        List<WorkerEntry> silent = new ArrayList<>();
        long[] generatedAt = new long[1];
        int roundTrips = readInto(staleAfter, new FleetStream() {
            @Override
            public void start(String namespace, long generatedAtMillis, int workerCount) {
                generatedAt[0] = generatedAtMillis;
                sink.start(namespace, generatedAtMillis, workerCount);
            }

            @Override
            public void batch(List<WorkerEntry> entries) {
                for (WorkerEntry entry : entries) {
                    tally.add(entry);
                    if (entry.status() == EntryStatus.GONE || entry.isStaleByDefault()) {
                        silent.add(entry);
                    }
                }
                sink.batch(entries);
            }
        });
        return new StreamedRead(tally.counts(), new FleetSnapshot(keys.namespace(), generatedAt[0], roundTrips, silent));
    }

    private int readInto(Duration staleAfter, FleetStream sink) {
        if (staleAfter != null && (staleAfter.isZero() || staleAfter.isNegative())) {
            throw new IllegalArgumentException("stale-after must be positive, was " + staleAfter);
        }
        long overrideMillis = staleAfter == null ? 0 : staleAfter.toMillis();
        boolean[] started = new boolean[1];
        return pool.call(client -> {
            if (started[0]) {
                // The pool runs the work again after a connection the server had closed; the batches
                // given so far cannot be taken back, so this read fails instead of repeating them.
                throw new JedisConnectionException("the connection closed while the read was under way");
            }
            try (AbstractPipeline pipeline = RedisPipelines.open(client)) {
                return readWith(pipeline, overrideMillis, sink, started);
            }
        });
    }

    /** A registry member: its id, decoded once, and its score. */
    private static final class Member {
        final String id;
        final double score;

        Member(String id, double score) {
            this.id = id;
            this.score = score;
        }
    }

    private int readWith(AbstractPipeline pipeline, long staleAfterOverrideMillis, FleetStream sink,
            boolean[] started) {
        Response<List<Tuple>> registry = pipeline.zrangeWithScores(keys.workers(), 0, -1);
        pipeline.sync();
        int roundTrips = 1;
        List<Member> members = sortedById(registryMembers(registry));

        // Each batch is classified as soon as its replies arrive (on the decoder while the next batch
        // is read, when there is one), so that at most two batches of raw replies are alive at a time.
        long now = clock.millis();
        WorkerClassifier classifier = new WorkerClassifier(now, staleAfterOverrideMillis);
        started[0] = true;
        sink.start(keys.namespace(), now, members.size());
        CompletableFuture<Void> decoding = null;
        try {
            for (int from = 0; from < members.size(); from += BATCH_SIZE) {
                List<Member> batch = members.subList(from, Math.min(members.size(), from + BATCH_SIZE));
                List<Response<Map<String, String>>> hashes = new ArrayList<>(batch.size());
                boolean queued = false;
                for (Member member : batch) {
                    // A member that is no valid id was never written by wmon; reading it would only cost a command.
                    boolean keyable = FleetKeys.isValidWorkerId(member.id);
                    hashes.add(keyable ? pipeline.hgetAll(keys.worker(member.id)) : null);
                    queued |= keyable;
                }
                if (queued) {
                    pipeline.sync();
                    roundTrips++;
                }
                if (decoding != null) {
                    join(decoding);
                    decoding = null;
                }
                if (decoder == null) {
                    sink.batch(classifyBatch(classifier, batch, hashes));
                } else {
                    decoding = CompletableFuture.runAsync(() -> sink.batch(classifyBatch(classifier, batch, hashes)),
                            decoder);
                }
            }
            if (decoding != null) {
                join(decoding);
                decoding = null;
            }
        } finally {
            if (decoding != null) {
                // Redis failed while the previous batch was being handed on: let it finish first, so
                // the caller never sees the sink still at work after this read has failed.
                decoding.handle((done, failure) -> null).join();
            }
        }
        return roundTrips;
    }

    private static List<Member> sortedById(List<Tuple> registry) {
        List<Member> members = new ArrayList<>(registry.size());
        for (Tuple tuple : registry) {
            members.add(new Member(tuple.getElement(), tuple.getScore()));
        }
        members.sort(Comparator.comparing(member -> member.id));
        return members;
    }

    /** Waits for a batch handed to the decoder; its failure is rethrown as it was thrown there. */
    private static void join(CompletableFuture<Void> decoding) {
        try {
            decoding.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw e;
        }
    }

    /** Gathers a whole read, for {@link #read(Duration)}. */
    private static final class Collector implements FleetStream {
        long generatedAtMillis;
        List<WorkerEntry> entries = List.of();

        @Override
        public void start(String namespace, long generatedAtMillis, int workerCount) {
            this.generatedAtMillis = generatedAtMillis;
            this.entries = new ArrayList<>(workerCount);
        }

        @Override
        public void batch(List<WorkerEntry> batch) {
            entries.addAll(batch);
        }
    }

    /**
     * Classifies a registry and record hashes that the caller read itself (e.g. in a pipeline with
     * other commands), exactly as {@link #read(Duration)} classifies its own: each member of
     * {@code registry} (with its score) against {@code hashes.get(id)}, an empty or missing hash
     * being an expired record. No round trip.
     *
     * @param staleAfter the age from which a worker is stale; null for each worker's default
     * @param roundTrips the round trips the caller's read took, for the snapshot
     */
    public FleetSnapshot classify(List<Tuple> registry, Map<String, Map<String, String>> hashes, Duration staleAfter,
            int roundTrips) {
        long now = clock.millis();
        WorkerClassifier classifier = new WorkerClassifier(now, staleAfter == null ? 0 : staleAfter.toMillis());
        List<WorkerEntry> entries = new ArrayList<>(registry.size());
        for (Tuple member : registry) {
            String id = member.getElement();
            if (!FleetKeys.isValidWorkerId(id)) {
                entries.add(classifier.unreadable(id, member.getScore(), NOT_A_WORKER_ID));
            } else {
                entries.add(classifier.classify(id, member.getScore(), hashes.getOrDefault(id, Map.of())));
            }
        }
        entries.sort(Comparator.comparing(WorkerEntry::id));
        return new FleetSnapshot(keys.namespace(), now, roundTrips, entries);
    }

    private List<WorkerEntry> classifyBatch(WorkerClassifier classifier, List<Member> batch,
            List<Response<Map<String, String>>> hashes) {
        List<WorkerEntry> classified = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            classified.add(classify(classifier, batch.get(i), hashes.get(i)));
        }
        return classified;
    }

    private WorkerEntry classify(WorkerClassifier classifier, Member member, Response<Map<String, String>> hash) {
        String id = member.id;
        if (hash == null) {
            return classifier.unreadable(id, member.score, NOT_A_WORKER_ID);
        }
        Map<String, String> fields;
        try {
            fields = hash.get();
        } catch (JedisDataException rejected) {
            if (TransientReplies.isTransient(rejected.getMessage())) {
                // The slot moved between two batches: the read fails, never a worker shown unreadable for it.
                throw rejected;
            }
            // Jedis throws a per-command error (WRONGTYPE, NOPERM) from this reply only; the rest stand.
            return classifier.unreadable(id, member.score, describe(keys.worker(id), rejected));
        }
        return classifier.classify(id, member.score, fields);
    }

    private List<Tuple> registryMembers(Response<List<Tuple>> registry) {
        try {
            return registry.get();
        } catch (JedisAccessControlException refused) {
            // NOPERM: not another application's key but an ACL; the shared pool says which grant is missing.
            throw refused;
        } catch (JedisDataException rejected) {
            if (TransientReplies.isTransient(rejected.getMessage())) {
                // MOVED after a resharding or failover, CLUSTERDOWN, LOADING…: the shared pool follows or reports it.
                throw rejected;
            }
            if (String.valueOf(rejected.getMessage()).startsWith("ERR unknown command")) {
                // A sentinel answers on its port but has no data commands.
                throw new RedisUnavailableException(RedisUnavailableException.Reason.NOT_REDIS, "the server at "
                        + pool.endpoint().redacted() + " does not know ZRANGE: a Redis Sentinel? use"
                        + " redis-sentinel://host:26379/<master>, or the master's own address", rejected);
            }
            throw new IllegalStateException("cannot read the worker registry " + keys.workers() + " ("
                    + rejected.getMessage() + "); is another application using namespace " + keys.namespace() + "?",
                    rejected);
        }
    }

    private static String describe(String key, JedisDataException rejected) {
        String message = String.valueOf(rejected.getMessage());
        if (message.startsWith("WRONGTYPE")) {
            return key + " is not a hash (WRONGTYPE)";
        }
        return "cannot read " + key + " (" + message + ")";
    }
}
