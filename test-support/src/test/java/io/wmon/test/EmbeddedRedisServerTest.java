package io.wmon.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The fallback for machines with neither Docker nor redis-server: the binary inside embedded-redis. */
class EmbeddedRedisServerTest extends RedisServerFaultContract {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension("embedded");

    @Override
    RedisServerExtension server() {
        return REDIS;
    }

    @Test
    void runsTheBinaryShippedInTheJar() {
        assertThat(REDIS.kind()).isEqualTo("embedded");
        assertThat(REDIS.probe().info("server")).contains("redis_version:6.");
    }
}
