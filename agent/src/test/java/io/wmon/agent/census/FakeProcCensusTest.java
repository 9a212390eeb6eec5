package io.wmon.agent.census;

import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.core.redis.SocketEnds;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The census on a {@code /proc/self} written like Linux's ({@link FakeProc}): IPv4 rows, a kernel without
 * IPv6, half-open connections and non-socket descriptors, which a live JVM does not show on demand.
 */
class FakeProcCensusTest {

    private static final int REDIS = 6379;
    private static final int[] SERVER = {10, 0, 0, 5};

    @TempDir
    Path dir;

    private SocketCensus census(FakeProc proc, List<SocketEnds> own) {
        return new SocketCensus(proc.self(), "Linux", new RedisRemotes(Set.of(REDIS), new InetAddress[0], REDIS),
                () -> own, 1_000);
    }

    @Test
    void ipv4RowsOfAKernelWithoutIpv6AreRead() {
        FakeProc proc = new FakeProc(dir).withoutIpv6()
                .descriptor(101).descriptor(102).descriptor(103).file("/dev/null").file("pipe:[77]")
                .ipv4(101, TcpTable.ESTABLISHED, 40001, SERVER, REDIS)
                .ipv4(102, TcpTable.ESTABLISHED, 40002, SERVER, 5432)
                .ipv4(103, 0x0A, 6380, new int[] {0, 0, 0, 0}, 0) // a listening socket
                .ipv4(0, 0x06, 40003, SERVER, REDIS) // TIME_WAIT: no descriptor holds it
                .ipv4(999, TcpTable.ESTABLISHED, 40004, SERVER, REDIS) // another process's
                .write();

        SocketCount count = census(proc, List.of()).take();

        assertThat(count.redisSockets()).isEqualTo(1);
        assertThat(count.appSockets()).isEqualTo(1);
        assertThat(count.localPorts()).containsExactly(40001);
    }

    @Test
    void theAgentsOwnSocketsAreToldApartByTheirPortsAndListedLast() throws Exception {
        FakeProc proc = new FakeProc(dir).descriptor(1).descriptor(2).descriptor(3)
                .mapped(1, TcpTable.ESTABLISHED, 50003, SERVER, REDIS)
                .mapped(2, TcpTable.ESTABLISHED, 50001, SERVER, REDIS)
                .mapped(3, TcpTable.ESTABLISHED, 50002, SERVER, REDIS)
                .write();
        SocketEnds agents = new SocketEnds(50001, InetAddress.getByAddress(new byte[] {10, 0, 0, 5}), REDIS);

        SocketCount count = census(proc, List.of(agents)).take();

        assertThat(count.redisSockets()).isEqualTo(3);
        assertThat(count.appSockets()).isEqualTo(2);
        assertThat(count.agentSockets()).isEqualTo(1);
        assertThat(count.localPorts()).containsExactly(50002, 50003, 50001);
    }

    @Test
    void aConnectionOnItsWayUpIsLookedUpAgainAndCountedOnceEstablished() {
        FakeProc proc = new FakeProc(dir).descriptor(7).mapped(7, TcpTable.SYN_SENT, 50007, SERVER, REDIS).write();
        SocketCensus census = census(proc, List.of());

        assertThat(census.take().redisSockets()).isZero();
        long reads = census.tableReads();
        proc.clearRows().mapped(7, TcpTable.ESTABLISHED, 50007, SERVER, REDIS).write();

        assertThat(census.take().redisSockets()).isEqualTo(1);
        assertThat(census.tableReads()).as("read again for the socket still unknown").isGreaterThan(reads);
    }

    @Test
    void knownSocketsCostNoTableReadUntilTheFullReadWhichSeesTheServerClose() {
        FakeProc proc = new FakeProc(dir).descriptor(1).descriptor(2)
                .mapped(1, TcpTable.ESTABLISHED, 50001, SERVER, REDIS)
                .mapped(2, TcpTable.ESTABLISHED, 50002, SERVER, REDIS)
                .write();
        SocketCensus census = census(proc, List.of());
        assertThat(census.take().redisSockets()).isEqualTo(2);
        long reads = census.tableReads();

        // The server closes one: CLOSE_WAIT while the application keeps the descriptor.
        proc.clearRows().mapped(1, TcpTable.ESTABLISHED, 50001, SERVER, REDIS).mapped(2, 0x08, 50002, SERVER, REDIS)
                .write();
        for (int i = 1; i < census.fullReadEvery(); i++) {
            assertThat(census.take().redisSockets()).as("census %d, from what it knows", i).isEqualTo(2);
        }
        assertThat(census.tableReads()).as("no table read while every socket is known").isEqualTo(reads);

        assertThat(census.take().redisSockets()).as("the full read").isEqualTo(1);
        assertThat(census.tableReads()).isEqualTo(reads + 2);
    }

    @Test
    void aJvmWhoseOnlyRedisConnectionsAreTheAgentsOwnNeedsNoFullRead() throws Exception {
        FakeProc proc = new FakeProc(dir).descriptor(1).mapped(1, TcpTable.ESTABLISHED, 50001, SERVER, REDIS).write();
        SocketEnds agents = new SocketEnds(50001, InetAddress.getByAddress(new byte[] {10, 0, 0, 5}), REDIS);
        SocketCensus census = census(proc, List.of(agents));
        census.take();
        long reads = census.tableReads();

        for (int i = 0; i < 3 * census.fullReadEvery(); i++) {
            assertThat(census.take().agentSockets()).isEqualTo(1);
        }
        assertThat(census.tableReads()).isEqualTo(reads);
    }

    @Test
    void aFullReadIsAtMostOnceAMinuteWhateverTheInterval() {
        FakeProc proc = new FakeProc(dir);
        assertThat(census(proc, List.of()).fullReadEvery()).as("1 s beats").isEqualTo(60);
        SocketCensus fiveSeconds = new SocketCensus(proc.self(), "Linux",
                new RedisRemotes(Set.of(REDIS), new InetAddress[0], REDIS), List::of, 5_000);
        assertThat(fiveSeconds.fullReadEvery()).isEqualTo(SocketCensus.FULL_READ_EVERY);
    }

    @Test
    void aDescriptorClosedDropsItsSocketAtOnce() {
        FakeProc proc = new FakeProc(dir).descriptor(1).mapped(1, TcpTable.ESTABLISHED, 50001, SERVER, REDIS).write();
        SocketCensus census = census(proc, List.of());
        assertThat(census.take().redisSockets()).isEqualTo(1);

        proc.closeAll();

        assertThat(census.take().redisSockets()).isZero();
        assertThat(census.peak()).isEqualTo(1);
    }

    @Test
    void theEndpointCountsByItsAddressWhateverThePortList() throws Exception {
        FakeProc proc = new FakeProc(dir).descriptor(1).descriptor(2)
                .mapped(1, TcpTable.ESTABLISHED, 50001, SERVER, 7000)
                .mapped(2, TcpTable.ESTABLISHED, 50002, new int[] {10, 0, 0, 6}, 7000)
                .write();
        InetAddress endpoint = InetAddress.getByAddress(new byte[] {10, 0, 0, 5});
        SocketCensus census = new SocketCensus(proc.self(), "Linux",
                new RedisRemotes(Set.of(6379), new InetAddress[] {endpoint}, 7000), List::of, 1_000);

        assertThat(census.take().localPorts()).containsExactly(50001);
    }

    @Test
    void aMalformedTableTurnsTheCensusOffWithOneLine() throws Exception {
        FakeProc proc = new FakeProc(dir).descriptor(1).write();
        java.nio.file.Files.writeString(proc.self().resolve("net").resolve("tcp6"), "header\n   0: garbage\n");
        SocketCensus census = census(proc, List.of());
        try (LogLines log = LogLines.of(SocketCensus.class)) {
            assertThat(census.take()).isSameAs(SocketCount.UNKNOWN);
            assertThat(census.take()).isSameAs(SocketCount.UNKNOWN);
            assertThat(census.on()).isFalse();
            assertThat(log.lines()).hasSize(1);
            assertThat(log.lines().get(0)).startsWith("INFO wmon socket census off: /proc cannot be read (")
                    .contains("unexpected TCP table row").endsWith("RedisSocketCount and the record's redis_sockets, "
                            + "app_sockets and local_ports stay unknown");
        }
    }

    @Test
    void aCensusThatOverranItsShareOfTheIntervalSkipsTheNextBeats() {
        FakeProc proc = new FakeProc(dir).descriptor(1).mapped(1, TcpTable.ESTABLISHED, 50001, SERVER, REDIS).write();
        // A 1 ms interval gives the census 20 µs of CPU, which a census reading two files overruns.
        SocketCensus tight = new SocketCensus(proc.self(), "Linux",
                new RedisRemotes(Set.of(REDIS), new InetAddress[0], REDIS), List::of, 1);
        assertThat(tight.due()).isTrue();
        tight.take();
        assertThat(tight.due()).as("the beat after an overrun").isFalse();
        int skipped = 1;
        while (!tight.due()) {
            skipped++;
        }
        assertThat(skipped).isGreaterThanOrEqualTo(1);

        SocketCensus roomy = new SocketCensus(proc.self(), "Linux",
                new RedisRemotes(Set.of(REDIS), new InetAddress[0], REDIS), List::of, 3_600_000);
        for (int i = 0; i < 5; i++) {
            assertThat(roomy.due()).isTrue();
            roomy.take();
        }
    }

    @Test
    void socketLinksAreReadAsInodes() {
        assertThat(FdSockets.inode("socket:[12345]")).isEqualTo(12345);
        assertThat(FdSockets.inode("socket:[]")).isEqualTo(-1);
        assertThat(FdSockets.inode("socket:[12a]")).isEqualTo(-1);
        assertThat(FdSockets.inode("pipe:[12345]")).isEqualTo(-1);
        assertThat(FdSockets.inode("/dev/null")).isEqualTo(-1);
        assertThat(FdSockets.inode("socket:[99999999999999999999]")).isEqualTo(-1);
    }
}
