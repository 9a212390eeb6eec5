package io.wmon.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The extension with no kind forced: whatever this machine offers (redis-server here). With
 * REDIS_URL set, the fault tests are skipped, as in every other module.
 */
class RedisServerExtensionTest extends RedisServerFaultContract {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @Override
    RedisServerExtension server() {
        return REDIS;
    }

    @Test
    void reportsAKindItManages() {
        assertThat(REDIS.kind()).isIn("container", "redis-server", "embedded", "external");
    }

    @Test
    void flushAllEmptiesTheServer() {
        try (var jedis = client(1_000)) {
            jedis.set("k", "v");
            REDIS.flushAll();
            assertThat(jedis.dbSize()).isZero();
        }
    }
}
