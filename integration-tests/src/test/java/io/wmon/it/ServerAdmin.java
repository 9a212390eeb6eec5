package io.wmon.it;

import io.wmon.test.ClientInfo;
import io.wmon.test.RedisProbe;
import io.wmon.test.RedisServerExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.params.ClientKillParams;

/**
 * A harness connection of its own to the test server, named {@code wmon-test-<role>} (so connection
 * counts leave it out), for what a fault test does to the server: limits, kills, statistics. Opened
 * and named at once, so that it holds its slot before a test fills the server.
 */
final class ServerAdmin implements AutoCloseable {

    /** Long enough to outlast a {@code DEBUG SLEEP} the test sends itself. */
    private static final int TIMEOUT_MILLIS = 10_000;

    private final Jedis jedis;

    private ServerAdmin(Jedis jedis) {
        this.jedis = jedis;
    }

    static ServerAdmin connect(RedisServerExtension redis, String role) {
        Jedis jedis = new Jedis(new HostAndPort(redis.host(), redis.port()), DefaultJedisClientConfig.builder()
                .clientName(RedisProbe.HARNESS_NAME_PREFIX + role)
                .connectionTimeoutMillis(TIMEOUT_MILLIS).socketTimeoutMillis(TIMEOUT_MILLIS).build());
        jedis.ping();
        return new ServerAdmin(jedis);
    }

    /** {@code PING}: keeps this connection from idling past the server's {@code timeout}. */
    void ping() {
        jedis.ping();
    }

    /** Every connection the server lists, this one included. */
    List<ClientInfo> clients() {
        return ClientInfo.parseList(jedis.clientList());
    }

    /** Closes every connection whose name starts with {@code namePrefix} ({@code CLIENT KILL ID}); returns how many. */
    long killNamed(String namePrefix) {
        long killed = 0;
        for (ClientInfo client : clients()) {
            if (client.name().startsWith(namePrefix)) {
                killed += jedis.clientKill(ClientKillParams.clientKillParams().id(Long.toString(client.id())));
            }
        }
        return killed;
    }

    /** A counter of {@code INFO stats}, e.g. {@code rejected_connections}. */
    long stat(String field) {
        String prefix = field + ":";
        return jedis.info("stats").lines().filter(line -> line.startsWith(prefix))
                .mapToLong(line -> Long.parseLong(line.substring(prefix.length()).trim())).findFirst()
                .orElseThrow(() -> new IllegalStateException("INFO stats has no " + field));
    }

    String config(String key) {
        return jedis.configGet(key).get(key);
    }

    void config(String key, String value) {
        jedis.configSet(key, value);
    }

    /** {@code FLUSHALL}, and the number of keys right after it, read in the same transaction (0). */
    long flushAll() {
        Transaction tx = jedis.multi();
        tx.sendCommand(Protocol.Command.FLUSHALL, new String[0]);
        tx.sendCommand(Protocol.Command.DBSIZE, new String[0]);
        return (Long) tx.exec().get(1);
    }

    /** The server's {@code run_id}: a restart gives a new one. */
    String runId() {
        return jedis.info("server").lines().filter(line -> line.startsWith("run_id:")).findFirst()
                .map(line -> line.substring("run_id:".length()).trim()).orElseThrow();
    }

    /** {@code DEBUG SLEEP seconds}: the server's one thread sleeps; returns when it wakes. */
    void debugSleep(double seconds) {
        jedis.sendCommand(() -> "DEBUG".getBytes(StandardCharsets.US_ASCII), "SLEEP",
                Double.toString(seconds));
    }

    @Override
    public void close() {
        jedis.close();
    }
}
