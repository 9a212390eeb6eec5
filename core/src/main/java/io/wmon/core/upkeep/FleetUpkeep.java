package io.wmon.core.upkeep;

import io.wmon.core.event.AppendBatch;
import io.wmon.core.event.AppendResult;
import io.wmon.core.event.EventAppender;
import io.wmon.core.event.FleetEvent;
import io.wmon.core.fleet.EntryStatus;
import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.fleet.FleetSnapshot;
import io.wmon.core.fleet.WorkerEntry;
import io.wmon.core.redis.RedisPipelines;
import io.wmon.core.redis.RedisUnavailableException;
import io.wmon.core.redis.SharedPool;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.SetParams;

/**
 * What a reader does after each read of the fleet: appends a {@code stale} event for a worker it
 * finds stale and a {@code down} event for one it finds gone, once per episode across every reader,
 * and prunes gone registry members at most once a minute across every reader.
 *
 * <p>Once per episode: before appending, a reader takes the episode's guard, {@code SET
 * wmon:{NS}:guard:<kind>:<id>:<beat> NX EX …}; only the reader that set it appends, so five readers
 * (or five hundred) make one event, and a worker that comes back and falls silent again has a new
 * beat, so a new guard. Pruning takes {@code SET wmon:{NS}:prune-lock NX EX 60} first and then
 * {@code ZREM}s the members this read found gone whose last beat is at least
 * {@link #PRUNE_GONE_AFTER_MILLIS 10 minutes} old (until then they are listed as gone); each reader
 * also tries the lock at most once a minute itself. A member that beats again right between the read
 * and the {@code ZREM} leaves the registry until its next beat, which adds it again.
 *
 * <p>Costs: nothing when the read found no new episode and no prune is due; else one round trip for
 * the guards and the lock, and one more for the events and the {@code ZREM}s when a guard or the lock
 * was won; never a round trip per worker. A reader remembers the guards it tried, so a worker that
 * stays stale costs a long-running reader one {@code SET}, not one per cycle.
 *
 * <p>Never a failure: Redis becoming unreachable leaves the work to the next read, and an ACL that
 * refuses {@code SET}, {@code XADD} or {@code ZREM} produces one warning (to {@code warnings}) and turns
 * that part off for the rest of this object's life. Not thread-safe: one per reader.
 */
public final class FleetUpkeep {

    /** Least time between two prune attempts of one reader, and the prune-lock's life, ms. */
    public static final long PRUNE_EVERY_MILLIS = 60_000;
    /**
     * How long after its last beat a gone member is pruned, ms: until then readers list it as gone, so
     * that a worker that vanished is seen leaving rather than disappearing between two reads.
     */
    public static final long PRUNE_GONE_AFTER_MILLIS = 10 * 60_000;
    /** Registry members one {@code ZREM} removes at most. */
    static final int ZREM_BATCH = 1_000;

    private final SharedPool pool;
    private final FleetKeys keys;
    private final Clock clock;
    private final Consumer<String> warnings;
    private final EventAppender appender;
    private final Set<String> tried = new HashSet<>();
    private long nextPruneMillis = Long.MIN_VALUE;
    private boolean eventsRefused;
    private boolean pruneRefused;
    private long appended;
    private long pruned;

    /**
     * @param clock times the events and the once-a-minute prune; the system clock but in tests
     * @param warnings receives each one-line warning (an ACL refusal), at most once per kind
     */
    public FleetUpkeep(SharedPool pool, FleetKeys keys, Clock clock, Consumer<String> warnings) {
        this.pool = pool;
        this.keys = keys;
        this.clock = clock;
        this.warnings = warnings;
        this.appender = new EventAppender(keys);
    }

    /**
     * Does the upkeep {@code snapshot} calls for and returns it unchanged, so a read can be wrapped:
     * {@code upkeep.afterRead(reader.read())}. Never throws {@link RedisUnavailableException}.
     */
    public FleetSnapshot afterRead(FleetSnapshot snapshot) {
        long now = clock.millis();
        List<Episode> episodes = eventsRefused ? List.of() : newEpisodes(snapshot, now);
        List<String> gone = pruneRefused || now < nextPruneMillis ? List.of() : gone(snapshot);
        if (episodes.isEmpty() && gone.isEmpty()) {
            return snapshot;
        }
        if (!gone.isEmpty()) {
            nextPruneMillis = now + PRUNE_EVERY_MILLIS;
        }
        try {
            pool.run(client -> upkeep(client, episodes, gone));
        } catch (RedisUnavailableException e) {
            // Redis went away after the read. Guards not yet tried are tried by the next read; a guard this reader
            // took just before the failure keeps its episode from being reported (one event lost, never two).
        }
        return snapshot;
    }

    /** Events this object appended, since it was made. */
    public long appendedCount() {
        return appended;
    }

    /** Registry members this object removed, since it was made. */
    public long prunedCount() {
        return pruned;
    }

    private List<Episode> newEpisodes(FleetSnapshot snapshot, long now) {
        List<Episode> fresh = new ArrayList<>();
        Set<String> current = new HashSet<>();
        for (WorkerEntry entry : snapshot.workers()) {
            Episode episode = Episode.of(entry, keys, now);
            if (episode != null) {
                current.add(episode.guardKey());
                if (!tried.contains(episode.guardKey())) {
                    fresh.add(episode);
                }
            }
        }
        tried.retainAll(current); // bounded by the fleet: episodes that ended are forgotten
        return fresh;
    }

    /** The members gone for long enough to be pruned. */
    private static List<String> gone(FleetSnapshot snapshot) {
        List<String> ids = new ArrayList<>();
        for (WorkerEntry entry : snapshot.workers()) {
            if (entry.status() == EntryStatus.GONE && entry.ageMillis() >= PRUNE_GONE_AFTER_MILLIS) {
                ids.add(entry.id());
            }
        }
        return ids;
    }

    private void upkeep(UnifiedJedis client, List<Episode> episodes, List<String> gone) {
        String owner = pool.clientName();
        List<Response<String>> guards = new ArrayList<>(episodes.size());
        Response<String> lock = null;
        try (AbstractPipeline pipeline = RedisPipelines.open(client)) {
            for (Episode episode : episodes) {
                guards.add(pipeline.set(episode.guardKey(), owner,
                        SetParams.setParams().nx().ex(episode.guardSeconds())));
            }
            if (!gone.isEmpty()) {
                lock = pipeline.set(keys.pruneLock(), owner, SetParams.setParams().nx().ex(PRUNE_EVERY_MILLIS / 1_000));
            }
            pipeline.sync();
        }
        List<FleetEvent> won = new ArrayList<>();
        for (int i = 0; i < episodes.size(); i++) {
            tried.add(episodes.get(i).guardKey());
            if (taken(guards.get(i))) {
                won.add(episodes.get(i).event());
            }
        }
        boolean pruning = lock != null && taken(lock);
        if (won.isEmpty() && !pruning) {
            return;
        }
        try (AbstractPipeline pipeline = RedisPipelines.open(client)) {
            AppendBatch batch = appender.appendAll(pipeline, won);
            List<Response<Long>> removals = new ArrayList<>();
            if (pruning) {
                for (int from = 0; from < gone.size(); from += ZREM_BATCH) {
                    List<String> batchIds = gone.subList(from, Math.min(gone.size(), from + ZREM_BATCH));
                    removals.add(pipeline.zrem(keys.workers(), batchIds.toArray(new String[0])));
                }
            }
            pipeline.sync();
            noteAppends(batch.result());
            noteRemovals(removals);
        }
    }

    /** Whether a {@code SET … NX} was taken by this reader; an ACL refusal is warned about once. */
    private boolean taken(Response<String> reply) {
        try {
            return "OK".equals(reply.get());
        } catch (JedisDataException e) {
            if (WriteRefusal.isRefusal(e.getMessage()) && !eventsRefused) {
                eventsRefused = true;
                pruneRefused = true;
                warn(e.getMessage(), "this reader records no stale or gone worker as an event and prunes nothing");
            }
            return false;
        }
    }

    private void noteAppends(AppendResult result) {
        appended += result.writtenCount();
        if (result.refusal() != null && WriteRefusal.isRefusal(result.refusal()) && !eventsRefused) {
            eventsRefused = true;
            warn(result.refusal(), "this reader records no stale or gone worker as an event");
        }
    }

    private void noteRemovals(List<Response<Long>> removals) {
        for (Response<Long> removal : removals) {
            try {
                pruned += removal.get();
            } catch (JedisDataException e) {
                if (WriteRefusal.isRefusal(e.getMessage()) && !pruneRefused) {
                    pruneRefused = true;
                    warn(e.getMessage(), "this reader prunes no gone worker");
                }
            }
        }
    }

    private void warn(String error, String consequence) {
        warnings.accept(WriteRefusal.line(pool.endpoint(), String.valueOf(error), consequence));
    }
}
