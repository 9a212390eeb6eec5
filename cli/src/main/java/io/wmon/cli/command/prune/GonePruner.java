package io.wmon.cli.command.prune;

import io.wmon.core.fleet.EntryStatus;
import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.fleet.FleetReader;
import io.wmon.core.redis.RedisUnavailableException;
import io.wmon.core.redis.RedisUnavailableException.Reason;
import io.wmon.core.redis.SharedPool;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Finds and removes gone workers: registry members whose record hash has expired.
 *
 * <p>Removal re-checks each member in one Lua script per batch ({@code EXISTS} on the hash, then
 * {@code ZREM}), so a worker that came back between the listing and the removal is kept. Every
 * key of the script shares the namespace's hash tag, so it also runs on Redis Cluster.
 */
public final class GonePruner {

    /** Members checked and removed per script call, so that one call never blocks Redis for long. */
    static final int BATCH_SIZE = 500;

    private static final String SCRIPT = String.join("\n",
            "local removed = {}",
            "for i = 2, #KEYS do",
            "  if redis.call('EXISTS', KEYS[i]) == 0 and redis.call('ZREM', KEYS[1], ARGV[i - 1]) == 1 then",
            "    removed[#removed + 1] = ARGV[i - 1]",
            "  end",
            "end",
            "return removed");

    private final SharedPool pool;
    private final FleetKeys keys;

    public GonePruner(SharedPool pool, FleetKeys keys) {
        this.pool = pool;
        this.keys = keys;
    }

    /** The ids of gone workers, sorted. */
    public List<String> findGone() {
        return new FleetReader(pool, keys, Clock.systemUTC()).read().workers().stream()
                .filter(entry -> entry.status() == EntryStatus.GONE)
                .map(entry -> entry.id())
                .toList();
    }

    /**
     * Removes those of {@code ids} whose hash still does not exist.
     *
     * @return the ids actually removed, in the order given
     * @throws RedisUnavailableException also when the ACL refuses {@code EVAL} or a command of the
     *     script ({@code EXISTS}, {@code ZREM}): the message names the grant
     */
    public List<String> remove(List<String> ids) {
        List<String> removed = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += BATCH_SIZE) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH_SIZE));
            List<String> scriptKeys = new ArrayList<>(batch.size() + 1);
            scriptKeys.add(keys.workers());
            batch.forEach(id -> scriptKeys.add(keys.worker(id)));
            Object reply = pool.call(client -> {
                try {
                    return client.eval(SCRIPT, scriptKeys, batch);
                } catch (JedisDataException e) {
                    throw scriptRefused(e) ? refusedInScript(e) : e;
                }
            });
            if (reply instanceof List<?>) {
                for (Object id : (List<?>) reply) {
                    removed.add(id instanceof byte[] ? new String((byte[]) id, StandardCharsets.UTF_8)
                            : String.valueOf(id));
                }
            }
        }
        return removed;
    }

    /** Redis 7's reply when the ACL lets a user run EVAL but not a command the script calls. */
    private static boolean scriptRefused(JedisDataException e) {
        return String.valueOf(e.getMessage()).contains("can't run this command or subcommand");
    }

    private RedisUnavailableException refusedInScript(JedisDataException e) {
        String user = pool.endpoint().user() != null ? pool.endpoint().user() : "default";
        return new RedisUnavailableException(Reason.PERMISSION_DENIED, "Redis at " + pool.endpoint().redacted()
                + " refused user " + user + " a command of the prune script (EXISTS or ZREM); grant them with "
                + "ACL SETUSER " + user + " +exists +zrem", e);
    }
}
