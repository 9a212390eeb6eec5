package io.wmon.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension with no kind forced: whatever this machine offers (redis-server here). */
class RedisServerExtensionTest extends RedisServerFaultContract {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @Override
    RedisServerExtension server() {
        return REDIS;
    }

    @Test
    void reportsAKindItManages() {
        assertThat(REDIS.kind()).isIn("container", "redis-server", "embedded");
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
