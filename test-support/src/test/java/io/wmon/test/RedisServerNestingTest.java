package io.wmon.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code @Nested} classes share the enclosing class's server instead of replacing or stopping it. */
@Timeout(30)
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class RedisServerNestingTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static long firstPid;

    private static long pid() {
        return RedisPing.processId(REDIS.host(), REDIS.port());
    }

    @Nested
    @Order(1)
    class First {
        @Test
        void seesTheEnclosingServer() {
            firstPid = pid();
            assertThat(firstPid).isPositive();
        }
    }

    @Nested
    @Order(2)
    class Second {
        @Test
        void seesTheSameServerStillRunning() {
            assertThat(pid()).isEqualTo(firstPid);
        }
    }
}
