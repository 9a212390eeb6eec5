package io.wmon.test.worker;

import static org.awaitility.Awaitility.await;

import io.wmon.test.RedisProbe;
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
 * What agents wrote to the test server for one namespace: worker records, their TTL and the
 * registry ZSET, at the keys of schema v1 ({@code wmon:{NS}:worker:<id>}, {@code wmon:{NS}:workers}).
 *
 * <p>The key layout is written out here rather than taken from the code under test, so that a
 * change to it fails the tests. One connection named {@value #CLIENT_NAME} (a harness name, which
 * connection counts leave out), opened on first use and again after the server was restarted.
 */
public final class WorkerRecords implements AutoCloseable {

    public static final String CLIENT_NAME = RedisProbe.HARNESS_NAME_PREFIX + "records";

    private final HostAndPort address;
    private final String namespace;
    private Jedis jedis;

    public WorkerRecords(String host, int port, String namespace) {
        this.address = new HostAndPort(host, port);
        this.namespace = namespace;
    }

    /** The key of worker {@code id}'s record hash. */
    public String recordKey(String id) {
        return "wmon:{" + namespace + "}:worker:" + id;
    }

    /** The key of the registry ZSET. */
    public String registryKey() {
        return "wmon:{" + namespace + "}:workers";
    }

    /** The record hash of worker {@code id}; empty when there is none. */
    public Map<String, String> record(String id) {
        return call(j -> j.hgetAll(recordKey(id)));
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
        return call(j -> j.pttl(recordKey(id)));
    }

    /** The registry score of {@code id}, or {@code null} when it is no member. */
    public Double score(String id) {
        return call(j -> j.zscore(registryKey(), id));
    }

    /** The record's {@code beat} field and the registry score, read in one transaction. */
    public BeatAndScore beatAndScore(String id) {
        return call(j -> {
            Transaction tx = j.multi();
            tx.hget(recordKey(id), "beat");
            tx.zscore(registryKey(), id);
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
