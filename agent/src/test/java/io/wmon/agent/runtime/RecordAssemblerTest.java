package io.wmon.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wmon.agent.census.LeakAlarm;
import io.wmon.agent.census.SocketCensus;
import io.wmon.agent.metrics.AppPoolCensus;
import io.wmon.agent.metrics.JvmMetrics;
import io.wmon.core.record.BreakerState;
import io.wmon.core.redis.BreakerDelays;
import io.wmon.core.redis.ConnectionNames;
import io.wmon.core.redis.PoolSettings;
import io.wmon.core.redis.RedisBreaker;
import io.wmon.core.redis.RedisEndpoint;
import io.wmon.core.redis.RedisUnavailableException;
import io.wmon.core.redis.SharedPool;
import io.wmon.core.redis.SharedPoolRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The record one beat writes, as {@link RecordAssembler} builds it. */
@Timeout(30)
class RecordAssemblerTest {

    /**
     * Regression: the first record that landed after an outage said {@code breaker=OPEN} (an open
     * breaker whose delay has passed reads OPEN until the trial call runs), so {@code wmon status
     * --check} called every worker unhealthy for an interval after each outage. A record built while the
     * breaker reads OPEN reaches Redis only as the breaker's trial: it says HALF_OPEN.
     */
    @Test
    void aRecordBuiltWhileTheBreakerIsOpenSaysHalfOpen() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        PoolSettings settings = PoolSettings.defaults()
                .withBreakerDelays(BreakerDelays.of(Duration.ofMinutes(1), Duration.ofMinutes(1)));
        try (SharedPool lease = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse("redis://127.0.0.1:" + closedPort),
                ConnectionNames.agent("assembler", "w1"), settings);
                AppPoolCensus census = new AppPoolCensus(ManagementFactory.getPlatformMBeanServer())) {
            TextLimits limits = new TextLimits();
            RecordAssembler assembler = new RecordAssembler(new WorkerIdentity("w1", "assembler", 1_000, "test", limits),
                    new WorkerStateTracker((from, to, job) -> { }, limits), new HeartbeatStats(), new JvmMetrics(),
                    census, lease.breaker(), SocketCensus.forAgent("127.0.0.1", closedPort, Set.of(), lease::openSockets,
                            1_000), new LeakAlarm(32));
            assertThat(breakerOfNextRecord(assembler, lease)).isEqualTo(BreakerState.CLOSED);

            for (int i = 0; i < RedisBreaker.FAILURE_THRESHOLD; i++) {
                assertThatThrownBy(() -> lease.run(client -> client.ping())).isInstanceOf(RedisUnavailableException.class);
            }

            assertThat(lease.breaker().state()).isEqualTo(RedisBreaker.State.OPEN);
            assertThat(breakerOfNextRecord(assembler, lease)).isEqualTo(BreakerState.HALF_OPEN);
        }
    }

    private static BreakerState breakerOfNextRecord(RecordAssembler assembler, SharedPool lease) {
        return assembler.assemble(System.currentTimeMillis(), lease.usage(), assembler.countAppPools()).breaker();
    }
}
