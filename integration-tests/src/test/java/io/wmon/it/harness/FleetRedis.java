package io.wmon.it.harness;

import static org.awaitility.Awaitility.await;

import io.wmon.core.fleet.FleetKeys;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * What the agent wrote to the test server: worker records, their TTL and the registry ZSET.
 *
 * <p>One connection named {@value #CLIENT_NAME} (not {@code wmon:…}, so connection counts of
 * the code under test leave it out), reopened when the server was restarted in between.
 */
public final class FleetRedis implements AutoCloseable {

    public static final String CLIENT_NAME = "it-fleet-reader";

    private final HostAndPort address;
    private final FleetKeys keys = FleetKeys.of(AgentArgs.NAMESPACE);
    private Jedis jedis;

    public FleetRedis(String host, int port) {
        this.address = new HostAndPort(host, port);
    }

    /** The record hash of worker {@code id}; empty when there is none. */
    public Map<String, String> record(String id) {
        return call(j -> j.hgetAll(keys.worker(id)));
    }

    /** Waits until the record of {@code id} satisfies {@code condition} and returns it. */
    public Map<String, String> awaitRecord(String id, Duration timeout, Predicate<Map<String, String>> condition) {
        return await("record of " + id).atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(() -> record(id), condition);
    }

    /** Waits until worker {@code id} has a record at all. */
    public Map<String, String> awaitRecord(String id, Duration timeout) {
        return awaitRecord(id, timeout, fields -> !fields.isEmpty());
    }

    /** The record's remaining time to live in ms ({@code PTTL}: -2 no key, -1 no expiry). */
    public long pttl(String id) {
        return call(j -> j.pttl(keys.worker(id)));
    }

    /** The registry score of {@code id}, or {@code null} when it is no member. */
    public Double score(String id) {
        return call(j -> j.zscore(keys.workers(), id));
    }

    /** The record's {@code beat} field and the registry score, read in one transaction. */
    public BeatAndScore beatAndScore(String id) {
        return call(j -> {
            Transaction tx = j.multi();
            tx.hget(keys.worker(id), "beat");
            tx.zscore(keys.workers(), id);
            List<Object> replies = tx.exec();
            return new BeatAndScore((String) replies.get(0), (Double) replies.get(1));
        });
    }

    /** {@code CONFIG SET requirepass}; this connection stays authenticated. Empty removes the password. */
    public void requirePassword(String password) {
        call(j -> j.configSet("requirepass", password));
    }

    @Override
    public synchronized void close() {
        if (jedis != null) {
            jedis.close();
            jedis = null;
        }
    }

    private synchronized <T> T call(Function<Jedis, T> action) {
        try {
            return action.apply(connection());
        } catch (JedisConnectionException e) {
            close();
            return action.apply(connection());
        }
    }

    private Jedis connection() {
        if (jedis == null || !jedis.isConnected() || jedis.isBroken()) {
            close();
            jedis = new Jedis(address, DefaultJedisClientConfig.builder().clientName(CLIENT_NAME)
                    .connectionTimeoutMillis(3_000).socketTimeoutMillis(3_000).build());
        }
        return jedis;
    }

    /**
     * One atomic read of a worker's beat and registry score.
     *
     * @param beat  the record's {@code beat} field, or null
     * @param score the ZSET score, or null
     */
    public record BeatAndScore(String beat, Double score) {
    }
}
