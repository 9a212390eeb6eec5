package io.wmon.test.topology;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wmon.test.jvm.FixtureRun;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import redis.clients.jedis.HostAndPort;

/** Each extension gives its class one deployment, shared with its {@code @Nested} classes and gone after the class. */
@Timeout(value = 120, unit = SECONDS)
class TopologyExtensionsIT {

    @Test
    void aClusterLivesAsLongAsItsClassAndItsNestedClassesShareIt() {
        TestExecutionSummary summary = FixtureRun.of(ClusterFixture.class);

        assertThat(summary.getTotalFailureCount()).as("%s", summary.getFailures()).isZero();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
        assertThat(ClusterFixture.nestedUrl).isEqualTo(ClusterFixture.url);
        assertThat(ClusterFixture.nodes).hasSize(2);
        assertThat(ClusterFixture.nodes).noneMatch(TopologyExtensionsIT::answers);
    }

    @Test
    void aSentinelDeploymentLivesAsLongAsItsClassAndItsNestedClassesShareIt() {
        TestExecutionSummary summary = FixtureRun.of(SentinelFixture.class);

        assertThat(summary.getTotalFailureCount()).as("%s", summary.getFailures()).isZero();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
        assertThat(SentinelFixture.nestedUrl).isEqualTo(SentinelFixture.url).endsWith("/jobs");
        assertThat(SentinelFixture.servers).hasSize(5);
        assertThat(SentinelFixture.servers).noneMatch(TopologyExtensionsIT::answers);
    }

    @Test
    void anExtensionOutsideItsClassSaysHowToRegisterIt() {
        assertThatThrownBy(() -> new RedisClusterExtension().url()).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("no Redis Cluster: register RedisClusterExtension with @RegisterExtension");
        assertThatThrownBy(() -> new RedisSentinelExtension().master()).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("no Redis Sentinel deployment: register RedisSentinelExtension");
    }

    private static boolean answers(HostAndPort address) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.getHost(), address.getPort()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Run only through {@link FixtureRun}. */
    static class ClusterFixture {
        @RegisterExtension
        static final RedisClusterExtension CLUSTER = new RedisClusterExtension(RedisClusterDeployment.builder().masters(2));
        static volatile String url;
        static volatile String nestedUrl;
        static volatile List<HostAndPort> nodes;

        @Test
        void outer() {
            url = CLUSTER.url();
            nodes = CLUSTER.nodes();
        }

        @Nested
        class Inner {
            @Test
            void inner() {
                nestedUrl = CLUSTER.url();
            }
        }
    }

    /** Run only through {@link FixtureRun}. */
    static class SentinelFixture {
        @RegisterExtension
        static final RedisSentinelExtension SENTINEL = new RedisSentinelExtension(
                RedisSentinelDeployment.builder().masterName("jobs"));
        static volatile String url;
        static volatile String nestedUrl;
        static volatile List<HostAndPort> servers;

        @Test
        void outer() {
            url = SENTINEL.url();
            List<HostAndPort> all = new ArrayList<>(SENTINEL.deployment().dataNodes());
            all.addAll(SENTINEL.sentinels());
            servers = all;
        }

        @Nested
        class Inner {
            @Test
            void inner() {
                nestedUrl = SENTINEL.url();
            }
        }
    }
}
