package io.wmon.test.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wmon.test.RedisServerExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** Schema v1's keys read back from a real server, across a restart and a password. */
@Timeout(60)
class WorkerRecordsTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private final WorkerRecords records = new WorkerRecords(REDIS.host(), REDIS.port(), "ns1");

    @AfterEach
    void cleanUp() {
        records.close();
        REDIS.flushAll();
    }

    private static Jedis client() {
        return new Jedis(REDIS.host(), REDIS.port());
    }

    @Test
    void readsTheRecordItsTtlAndScoreAtTheKeysOfTheContract() {
        try (Jedis jedis = client()) {
            jedis.hset("wmon:{ns1}:worker:w1", Map.of("v", "1", "beat", "1700000000123"));
            jedis.pexpire("wmon:{ns1}:worker:w1", 15_000);
            jedis.zadd("wmon:{ns1}:workers", 1700000000123d, "w1");
        }

        assertThat(records.record("w1")).containsExactlyInAnyOrderEntriesOf(Map.of("v", "1", "beat", "1700000000123"));
        assertThat(records.pttl("w1")).isBetween(1L, 15_000L);
        assertThat(records.score("w1")).isEqualTo(1700000000123d);
        assertThat(records.beatAndScore("w1")).isEqualTo(new WorkerRecords.BeatAndScore("1700000000123", 1700000000123d));
        assertThat(records.record("w2")).isEmpty();
        assertThat(records.score("w2")).isNull();
        assertThat(records.pttl("w2")).isEqualTo(-2);
        assertThat(REDIS.probe().countClients(WorkerRecords.CLIENT_NAME)).isEqualTo(1);
    }

    @Test
    void awaitsARecordThatMeetsTheCondition() {
        try (Jedis jedis = client()) {
            jedis.hset("wmon:{ns1}:worker:w1", "state", "starting");
            Thread writer = new Thread(() -> {
                try (Jedis later = client()) {
                    Thread.sleep(300);
                    later.hset("wmon:{ns1}:worker:w1", "state", "idle");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            writer.start();

            assertThat(records.awaitRecord("w1", Duration.ofSeconds(10), r -> "idle".equals(r.get("state"))))
                    .containsEntry("state", "idle");
        }
    }

    @Test
    void readsAgainAfterTheServerRestarted() {
        assertThat(records.record("w1")).isEmpty();
        REDIS.restart();
        try (Jedis jedis = client()) {
            jedis.hset("wmon:{ns1}:worker:w1", "v", "1");
        }

        assertThat(records.record("w1")).containsEntry("v", "1");
    }

    @Test
    void aPasswordItSetsLocksOthersOutButNotItself() {
        records.requirePassword("pw-1");
        try (Jedis jedis = client()) {
            assertThatThrownBy(() -> jedis.get("k")).isInstanceOf(JedisDataException.class).hasMessageContaining("NOAUTH");
            assertThat(records.record("w1")).isEmpty();
        } finally {
            records.requirePassword("");
        }
        try (Jedis jedis = client()) {
            assertThat(jedis.ping()).isEqualTo("PONG");
        }
    }
}
