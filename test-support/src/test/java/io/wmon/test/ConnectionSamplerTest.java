package io.wmon.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

@Timeout(30)
class ConnectionSamplerTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static Jedis named(String name) {
        Jedis jedis = new Jedis(new HostAndPort(REDIS.host(), REDIS.port()),
                DefaultJedisClientConfig.builder().clientName(name).build());
        jedis.ping();
        return jedis;
    }

    @Test
    void countsConnectionsByNameOverTimeLeavingOutTheHarnessOwn() throws Exception {
        List<Jedis> open = new ArrayList<>();
        try {
            open.add(named("wmon:agent:it:w1"));
            open.add(named(RedisProbe.HARNESS_NAME_PREFIX + "other"));
            Jedis unnamed = new Jedis(REDIS.host(), REDIS.port());
            open.add(unnamed);
            unnamed.ping();
            Jedis second = named("wmon:agent:it:w1");
            Thread closer = new Thread(() -> {
                try {
                    // Well inside the sampling, with margins a loaded machine's delays do not eat.
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                second.close();
            });
            closer.start();

            ConnectionSampler samples = ConnectionSampler.sample(REDIS.probe(), Duration.ofMillis(2_500));
            closer.join();

            assertThat(samples.size()).isGreaterThanOrEqualTo(3);
            assertThat(samples.max(ConnectionSampler.named("wmon:agent:it:w1"))).isEqualTo(2);
            assertThat(samples.max()).isEqualTo(3);
            assertThat(samples.seen(client -> true)).hasSize(3)
                    .noneMatch(client -> client.name().startsWith(RedisProbe.HARNESS_NAME_PREFIX));
            assertThat(samples.seen(client -> client.name().isEmpty())).hasSize(1);
        } finally {
            open.forEach(Jedis::close);
        }
    }
}
