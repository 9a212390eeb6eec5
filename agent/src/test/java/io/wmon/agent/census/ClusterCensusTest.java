package io.wmon.agent.census;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.wmon.core.redis.PoolSettings;
import io.wmon.core.redis.RedisEndpoint;
import io.wmon.core.redis.SharedPool;
import io.wmon.core.redis.SharedPoolRegistry;
import io.wmon.test.topology.RedisClusterExtension;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.HostAndPort;

/**
 * The census of this JVM against a real Redis Cluster: Jedis opens the cluster pools' sockets itself,
 * so the agent's own are known by number; the application's sockets to any node still count as the
 * application's, and the pool's as the agent's.
 */
@Timeout(60)
class ClusterCensusTest {

    @RegisterExtension
    static final RedisClusterExtension CLUSTER = new RedisClusterExtension();

    @BeforeAll
    static void onLinux() {
        assumeThat(System.getProperty("os.name")).startsWith("Linux");
    }

    @Test
    void theAgentsClusterConnectionsAreItsOwnAndTheApplicationsAreTheApplications() throws IOException {
        RedisEndpoint endpoint = RedisEndpoint.parse(CLUSTER.url());
        List<Socket> application = new ArrayList<>();
        try (SharedPool pool = SharedPoolRegistry.jvm().acquire(endpoint, "wmon:agent:census:cluster", PoolSettings.defaults())) {
            for (String namespace : CLUSTER.namespacesOnDifferentNodes(3)) {
                pool.run(c -> c.set("wmon:{" + namespace + "}:probe", "1"));
            }
            SocketCensus census = SocketCensus.forAgent(endpoint, Set.of(), pool, 1_000);
            int own = pool.untrackedConnections();
            assertThat(own).as("one idle connection per node the writes went to").isGreaterThanOrEqualTo(3);
            for (HostAndPort node : CLUSTER.nodes()) {
                application.add(new Socket(node.getHost(), node.getPort()));
            }
            SocketCount count = census.take();
            assertThat(count.redisSockets()).isEqualTo(own + application.size());
            assertThat(count.appSockets()).isEqualTo(application.size());
        } finally {
            for (Socket socket : application) {
                socket.close();
            }
        }
    }
}
