package io.wmon.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * What every server kind the extension manages must do, run against a real server by each
 * subclass: answer, stop, come back on the same port, freeze and thaw.
 */
@Timeout(30)
abstract class RedisServerFaultContract {

    /** The extension under test, registered on a static field of the subclass. */
    abstract RedisServerExtension server();

    /** The most a {@code start()} may take, in ms: far more than needed, to catch only real regressions. */
    long maxStartMillis() {
        return 2_000;
    }

    /** A connection with the given connect and read timeout, in milliseconds. */
    Jedis client(int timeoutMillis) {
        return new Jedis(URI.create(server().url()), DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMillis)
                .socketTimeoutMillis(timeoutMillis)
                .build());
    }

    @AfterEach
    void leaveServerRunning() {
        if (!server().kind().equals("external")) {
            server().resume();
            server().start();
        }
    }

    @Test
    void answersOnTheAdvertisedLoopbackUrl() {
        assumeFalse(server().kind().equals("external"), "an external URL is whatever was configured");
        assertThat(server().url()).isEqualTo("redis://127.0.0.1:" + server().port());
        assertThat(server().host()).isEqualTo("127.0.0.1");
        try (Jedis jedis = client(1_000)) {
            assertThat(jedis.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void stopRefusesConnectionsAndStartComesBackOnTheSamePort() {
        int port = server().port();
        server().stop();

        assertThatThrownBy(() -> client(500).close()).isInstanceOf(JedisConnectionException.class);
        assertThatThrownBy(() -> new Socket(server().host(), port).close()).isInstanceOf(ConnectException.class);

        server().start();
        assertThat(server().port()).isEqualTo(port);
        try (Jedis jedis = client(1_000)) {
            assertThat(jedis.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void restartKeepsThePortAndLosesTheData() {
        int port = server().port();
        try (Jedis jedis = client(1_000)) {
            jedis.set("restart:key", "v");
        }

        server().restart();

        assertThat(server().port()).isEqualTo(port);
        try (Jedis jedis = client(1_000)) {
            assertThat(jedis.get("restart:key")).isNull();
        }
    }

    @Test
    void restartKeepingDataKeepsKeysAndStreamIdsAndALaterRestartIsEmpty() {
        int port = server().port();
        String lastId;
        try (Jedis jedis = client(1_000)) {
            jedis.set("kept:key", "v");
            jedis.xadd("kept:stream", redis.clients.jedis.StreamEntryID.NEW_ENTRY, java.util.Map.of("f", "1"));
            lastId = jedis.xinfoStream("kept:stream").getLastGeneratedId().toString();
        }

        server().restartKeepingData();

        assertThat(server().port()).isEqualTo(port);
        try (Jedis jedis = client(1_000)) {
            assertThat(jedis.get("kept:key")).isEqualTo("v");
            assertThat(jedis.xinfoStream("kept:stream").getLastGeneratedId().toString()).isEqualTo(lastId);
        }
        server().restart();
        try (Jedis jedis = client(1_000)) {
            assertThat(jedis.get("kept:key")).as("a plain restart after one that kept the data").isNull();
        }
    }

    @Test
    void pauseMakesCommandsTimeOutAndResumeMakesThemAnswer() {
        try (Jedis before = client(1_000)) {
            before.ping();
            server().pause();

            before.getConnection().setSoTimeout(200);
            assertThatThrownBy(before::ping)
                    .isInstanceOf(JedisConnectionException.class)
                    .hasRootCauseInstanceOf(SocketTimeoutException.class);
        }
        // The kernel still accepts the connection; the frozen server never answers its set-up commands.
        assertThatThrownBy(() -> client(200).close())
                .isInstanceOf(JedisConnectionException.class)
                .hasRootCauseInstanceOf(SocketTimeoutException.class);

        server().resume();

        try (Jedis after = client(1_000)) {
            assertThat(after.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void startTakesTensOfMilliseconds(TestReporter reporter) {
        server().stop();
        long began = System.nanoTime();
        server().start();
        long millis = (System.nanoTime() - began) / 1_000_000;

        reporter.publishEntry("startMillis", Long.toString(millis));
        assertThat(millis).as("start() in ms").isLessThan(maxStartMillis());
    }

    @Test
    void probeCountsExactlyTheCommandsSent() {
        RedisProbe probe = server().probe();
        try (Jedis jedis = client(1_000)) {
            long before = probe.totalCommandCalls();
            jedis.set("a", "1");
            jedis.set("b", "2");
            jedis.set("c", "3");
            assertThat(probe.totalCommandCalls() - before).isEqualTo(3);
        }
    }
}
