package io.wmon.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.core.redis.PoolSettings;
import io.wmon.core.redis.RedisEndpoint;
import io.wmon.core.redis.SharedPool;
import io.wmon.core.redis.SharedPoolRegistry;
import io.wmon.test.RedisServerExtension;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.AbstractPipeline;

/** The "which namespaces exist" scan: registry keys only, and a bounded number of SCAN calls. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NamespaceScanTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @BeforeEach
    void emptyServer() {
        REDIS.flushAll();
    }

    private static NamespaceScan scan() {
        try (SharedPool pool = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(REDIS.url()), "wmon:test:scan",
                PoolSettings.defaults().withMaxTotal(1))) {
            return NamespaceScan.of(pool);
        }
    }

    @Test
    void findsTheNamespacesThatHaveARegistryAndNothingElse() {
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
            jedis.zadd("wmon:{prod}:workers", 1, "a");
            jedis.zadd("wmon:{staging}:workers", 1, "b");
            jedis.hset("wmon:{prod}:worker:workers", Map.of("v", "1"));
            jedis.set("wmon:{bad name}:workers", "not ours");
            jedis.set("unrelated", "x");
        }

        NamespaceScan scan = scan();

        assertThat(scan.namespaces()).containsExactly("prod", "staging");
        assertThat(scan.complete()).isTrue();
        assertThat(scan.refusal()).isNull();
    }

    @Test
    void stopsAfterItsBoundOnABigKeyspaceAndSaysSo() {
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
            AbstractPipeline pipeline = jedis.pipelined();
            for (int i = 0; i < 30_000; i++) {
                pipeline.set("other:" + i, "x");
            }
            pipeline.sync();
        }
        long before = REDIS.probe().commandCalls().getOrDefault("scan", 0L);

        NamespaceScan scan = scan();

        assertThat(scan.complete()).isFalse();
        assertThat(scan.namespaces()).isEmpty();
        assertThat(REDIS.probe().commandCalls().get("scan") - before).isEqualTo(NamespaceScan.MAX_CALLS);
    }

    @Test
    void keyNamesThatAreNoRegistryGiveNoNamespace() {
        assertThat(NamespaceScan.namespaceOf("wmon:{a}:workers")).isEqualTo("a");
        assertThat(NamespaceScan.namespaceOf("wmon:{}:workers")).isNull();
        assertThat(NamespaceScan.namespaceOf("wmon:{a}b}:workers")).isNull();
        assertThat(NamespaceScan.namespaceOf("wmon:{a}:worker:x")).isNull();
    }
}
