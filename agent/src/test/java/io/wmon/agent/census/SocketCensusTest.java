package io.wmon.agent.census;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.wmon.core.redis.ConnectionNames;
import io.wmon.core.redis.PoolSettings;
import io.wmon.core.redis.RedisEndpoint;
import io.wmon.core.redis.SharedPool;
import io.wmon.core.redis.SharedPoolRegistry;
import io.wmon.core.redis.SocketEnds;
import io.wmon.test.RedisServerExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The census of this very JVM from the real {@code /proc}, against a real redis-server. */
@Timeout(60)
class SocketCensusTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private final List<Socket> sockets = new ArrayList<>();

    @BeforeAll
    static void onLinux() {
        assumeThat(System.getProperty("os.name")).startsWith("Linux");
    }

    @AfterEach
    void closeSockets() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    private static SocketCensus census(Supplier<List<SocketEnds>> own) {
        return new SocketCensus(Paths.get("/proc/self"), System.getProperty("os.name"),
                new RedisRemotes(Set.of(REDIS.port()), new InetAddress[0], REDIS.port()), own, 1_000);
    }

    private Set<Integer> open(int n, int port) throws IOException {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < n; i++) {
            Socket socket = new Socket("127.0.0.1", port);
            sockets.add(socket);
            ports.add(socket.getLocalPort());
        }
        return ports;
    }

    /** The client ports CLIENT LIST shows, the probe's own connection left out as the probe leaves it out. */
    private static Set<Integer> clientListPorts() {
        return REDIS.probe().clients().stream().map(c -> Integer.parseInt(c.addr().substring(c.addr().lastIndexOf(':') + 1)))
                .collect(Collectors.toSet());
    }

    @Test
    void countsThisJvmsConnectionsToRedisAsClientListShowsThemAndTellsThePoolsApart() throws Exception {
        RedisEndpoint endpoint = RedisEndpoint.parse(REDIS.url());
        try (SharedPool pool = SharedPoolRegistry.jvm().acquire(endpoint, ConnectionNames.agent("census", "c-1"),
                PoolSettings.defaults())) {
            pool.run(client -> client.ping());
            Set<Integer> app = open(5, REDIS.port());
            Set<Integer> server = clientListPorts();
            SocketCensus census = census(pool::openSockets);

            SocketCount count = census.take();

            Set<Integer> agent = pool.openSockets().stream().map(SocketEnds::localPort).collect(Collectors.toSet());
            assertThat(agent).hasSize(1);
            // Every CLIENT LIST connection is this JVM's; the probe hides its own, which the census sees.
            assertThat(count.localPorts()).containsAll(server).containsAll(app).containsAll(agent);
            assertThat(count.redisSockets()).isEqualTo(server.size() + 1);
            assertThat(count.appSockets()).isEqualTo(count.redisSockets() - 1);
            assertThat(count.localPorts().get(count.localPorts().size() - 1)).as("the agent's port last")
                    .isEqualTo(agent.iterator().next());
        }
    }

    @Test
    void closedSocketsDropOutAtOnceWithoutReadingTheTables() throws Exception {
        open(4, REDIS.port());
        SocketCensus census = census(List::of);
        int before = census.take().redisSockets();
        long reads = census.tableReads();

        sockets.remove(0).close();
        sockets.remove(0).close();

        assertThat(census.take().redisSockets()).isEqualTo(before - 2);
        assertThat(census.tableReads()).isEqualTo(reads);
        assertThat(census.peak()).isEqualTo(before);
    }

    @Test
    void connectionsToOtherPortsAreNotCounted() throws Exception {
        try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            SocketCensus census = census(List::of);
            int before = census.take().redisSockets();
            open(3, other.getLocalPort());
            List<Socket> accepted = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                accepted.add(other.accept());
            }
            try {
                assertThat(census.take().redisSockets()).isEqualTo(before);
            } finally {
                for (Socket socket : accepted) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void aConnectionTheServerClosedStopsCountingAtTheNextFullRead() throws Exception {
        int port = open(1, REDIS.port()).iterator().next();
        SocketCensus census = census(List::of);
        assertThat(census.take().localPorts()).contains(port);

        REDIS.probe().command("CLIENT", "KILL", "ADDR", "127.0.0.1:" + port);

        boolean gone = false;
        for (int i = 0; i < census.fullReadEvery() && !gone; i++) {
            gone = !census.take().localPorts().contains(port);
        }
        assertThat(gone).as("not counted after the full read, the descriptor still open").isTrue();
        assertThat(sockets.get(0).isClosed()).isFalse();
    }

    @Test
    void localPortsAreCappedAndSaySo() throws Exception {
        Set<Integer> app = open(SocketCount.MAX_LOCAL_PORTS + 6, REDIS.port());
        SocketCount count = census(List::of).take();

        assertThat(count.redisSockets()).isGreaterThanOrEqualTo(app.size());
        assertThat(count.localPorts()).hasSize(SocketCount.MAX_LOCAL_PORTS).isSorted();
        assertThat(count.portsCapped()).isTrue();
    }

    @Test
    void offLinuxEveryCensusIsUnknownAndSaidOnce() {
        SocketCensus census = new SocketCensus(Paths.get("/proc/self"), "Mac OS X",
                new RedisRemotes(Set.of(6379), new InetAddress[0], 6379), List::of, 1_000);
        try (LogLines log = LogLines.of(SocketCensus.class)) {
            assertThat(census.take()).isSameAs(SocketCount.UNKNOWN);
            assertThat(census.take()).isSameAs(SocketCount.UNKNOWN);
            assertThat(census.last().redisSockets()).isEqualTo(-1);
            assertThat(census.peak()).isEqualTo(-1);
            assertThat(log.lines()).containsExactly("INFO wmon socket census off: this JVM does not run on Linux "
                    + "(os.name Mac OS X); RedisSocketCount and the record's redis_sockets, app_sockets and local_ports "
                    + "stay unknown");
        }
    }

    @Test
    void anUnreadableProcIsUnknownAndSaidOnce(@TempDir Path empty) {
        SocketCensus census = new SocketCensus(empty, "Linux", new RedisRemotes(Set.of(6379), new InetAddress[0], 6379),
                List::of, 1_000);
        try (LogLines log = LogLines.of(SocketCensus.class)) {
            assertThat(census.take()).isSameAs(SocketCount.UNKNOWN);
            assertThat(census.take()).isSameAs(SocketCount.UNKNOWN);
            assertThat(log.lines()).hasSize(1);
            assertThat(log.lines().get(0)).startsWith("INFO wmon socket census off: /proc cannot be read (")
                    .contains(empty.resolve("fd").toString());
        }
    }
}
