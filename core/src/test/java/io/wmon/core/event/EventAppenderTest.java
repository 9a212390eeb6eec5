package io.wmon.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.redis.PoolSettings;
import io.wmon.core.redis.RedisEndpoint;
import io.wmon.core.redis.SharedPool;
import io.wmon.core.redis.SharedPoolRegistry;
import io.wmon.test.RedisProbe;
import io.wmon.test.RedisServerExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.AbstractPipeline;

/** Appends against a real Redis: capped, one round trip, inside another pipeline, refused by an ACL. */
@Timeout(120)
class EventAppenderTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final FleetKeys KEYS = FleetKeys.of("append");
    private static SharedPool pool;
    private final EventAppender appender = new EventAppender(KEYS);

    @BeforeAll
    static void openPool() {
        pool = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(REDIS.url()), "wmon:test:append",
                PoolSettings.defaults());
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @BeforeEach
    void emptyServer() {
        REDIS.flushAll();
        REDIS.probe().resetStats();
    }

    private static FleetEvent event(int n) {
        return FleetEvent.of(EventType.STATE, "w-" + (n % 7), "idle", "busy", 1_767_225_600_000L + n, "job-" + n);
    }

    @Test
    void theStreamStaysAboutTenThousandEntriesAfterThirtyThousandAppends() {
        List<FleetEvent> batch = new ArrayList<>();
        for (int n = 0; n < 30_000; n++) {
            batch.add(event(n));
            if (batch.size() == 500) {
                assertThat(appender.append(pool, batch).ids()).hasSize(500);
                batch.clear();
            }
        }

        long length = (Long) REDIS.probe().command("XLEN", KEYS.events());
        System.out.printf("measured: stream length after 30,000 appends with MAXLEN ~ %d: %d%n",
                EventAppender.MAX_LENGTH, length);
        assertThat(length).isBetween(EventAppender.MAX_LENGTH, EventAppender.MAX_LENGTH + 1_000);
        assertThat(REDIS.probe().commandCalls()).containsEntry("xadd", 30_000L);
    }

    @Test
    void aBatchIsOneRoundTripAndTheEntriesReadBackAsTheEventsInOrder() {
        List<FleetEvent> events = List.of(event(1), event(2), event(3));

        AppendResult result = appender.append(pool, events);

        assertThat(result.ids()).hasSize(3).isSorted();
        assertThat(result.unconfirmed()).isEmpty();
        assertThat(result.refusedCount()).isZero();
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
            EventBatch read = new EventStreamReader(KEYS).readAfter(jedis, EventId.ZERO, 0);
            assertThat(read.valid()).extracting(DecodedEvent::event).containsExactlyElementsOf(events);
            assertThat(read.valid()).extracting(DecodedEvent::id).containsExactlyElementsOf(result.ids());
        }
    }

    @Test
    void appendsRideInAPipelineWithOtherCommands() {
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
            AbstractPipeline pipeline = jedis.pipelined();
            pipeline.set("other", "1");
            AppendBatch batch = appender.appendAll(pipeline, List.of(event(1)));
            assertThat(batch.result().unconfirmed()).as("before sync nothing is confirmed").hasSize(1);
            pipeline.sync();

            assertThat(batch.result().ids()).hasSize(1);
            assertThat(jedis.get("other")).isEqualTo("1");
        }
    }

    @Test
    void aUserWithoutXaddIsRefusedEachEventAndTheResultSaysWhy() {
        RedisProbe probe = REDIS.probe();
        probe.command("ACL", "SETUSER", "no-xadd", "reset", "on", ">pw", "~wmon:*", "+set");
        String url = REDIS.url().replace("redis://", "redis://no-xadd:pw@");
        try (SharedPool limited = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(url), "wmon:test:no-xadd",
                PoolSettings.defaults())) {
            AppendResult result = appender.append(limited, List.of(event(1), event(2)));

            assertThat(result.ids()).isEmpty();
            assertThat(result.refusedCount()).isEqualTo(2);
            assertThat(result.refusal()).startsWith("NOPERM").contains("xadd");
            assertThat((Long) probe.command("EXISTS", KEYS.events())).isZero();
        } finally {
            probe.command("ACL", "DELUSER", "no-xadd");
        }
    }

    @Test
    void nothingToAppendSendsNothing() {
        assertThat(appender.append(pool, List.of())).isSameAs(AppendResult.NOTHING);
        assertThat(REDIS.probe().commandCalls()).doesNotContainKey("xadd");
    }
}
