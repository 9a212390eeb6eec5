package io.wmon.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Redis 7 in a container, on machines where a Docker engine answers; skipped elsewhere. */
@EnabledIf("dockerAnswers")
class ContainerRedisServerTest extends RedisServerFaultContract {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension("container");

    static boolean dockerAnswers() {
        return DockerEngine.answers();
    }

    @Override
    RedisServerExtension server() {
        return REDIS;
    }

    /** {@code docker start} takes a fraction of a second, more on a busy CI machine. */
    @Override
    long maxStartMillis() {
        return 10_000;
    }

    @Test
    void runsRedis7() {
        assertThat(REDIS.kind()).isEqualTo("container");
        assertThat(REDIS.probe().info("server")).contains("redis_version:7.");
    }
}
