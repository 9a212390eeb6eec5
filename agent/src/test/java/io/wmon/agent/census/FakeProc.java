package io.wmon.agent.census;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@code /proc/self} in a temporary folder, written the way Linux writes it: descriptor links
 * {@code fd/N -> socket:[inode]} and the rows of {@code net/tcp} and {@code net/tcp6}, addresses in the
 * machine's byte order. For the cases a live JVM cannot be made to show on demand (IPv4 sockets, a
 * connection half-open, a kernel without IPv6).
 */
final class FakeProc {

    private static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
            + "   uid  timeout inode\n";

    private final Path self;
    private final List<String> tcp = new ArrayList<>();
    private final List<String> tcp6 = new ArrayList<>();
    private boolean withTcp6 = true;
    private int nextFd = 3;

    FakeProc(Path dir) {
        this.self = dir;
        try {
            Files.createDirectories(dir.resolve("fd"));
            Files.createDirectories(dir.resolve("net"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path self() {
        return self;
    }

    /** A descriptor holding socket {@code inode}. */
    FakeProc descriptor(long inode) {
        return link("socket:[" + inode + "]");
    }

    /** A descriptor that is not a socket. */
    FakeProc file(String target) {
        return link(target);
    }

    FakeProc closeAll() {
        try (var links = Files.list(self.resolve("fd"))) {
            for (Path link : (Iterable<Path>) links::iterator) {
                Files.delete(link);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private FakeProc link(String target) {
        try {
            Files.createSymbolicLink(self.resolve("fd").resolve(Integer.toString(nextFd++)), Paths.get(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A row of {@code net/tcp}: 127.0.0.1:{@code localPort} to {@code remote} (a.b.c.d):{@code remotePort}. */
    FakeProc ipv4(long inode, int state, int localPort, int[] remote, int remotePort) {
        tcp.add(row(tcp.size(), word(new int[] {127, 0, 0, 1}) + ":" + port(localPort),
                word(remote) + ":" + port(remotePort), state, inode));
        return this;
    }

    /** A row of {@code net/tcp6} to the IPv4-mapped {@code ::ffff:a.b.c.d}. */
    FakeProc mapped(long inode, int state, int localPort, int[] remote, int remotePort) {
        String local = word(new int[] {0, 0, 0, 0}) + word(new int[] {0, 0, 0, 0}) + word(new int[] {0, 0, 0xff, 0xff})
                + word(new int[] {127, 0, 0, 1});
        String rem = word(new int[] {0, 0, 0, 0}) + word(new int[] {0, 0, 0, 0}) + word(new int[] {0, 0, 0xff, 0xff})
                + word(remote);
        tcp6.add(row(tcp6.size(), local + ":" + port(localPort), rem + ":" + port(remotePort), state, inode));
        return this;
    }

    /** No {@code net/tcp6}, as on a kernel without IPv6. */
    FakeProc withoutIpv6() {
        withTcp6 = false;
        return this;
    }

    /** Writes the tables; call after the rows are added (and again after changing them). */
    FakeProc write() {
        try {
            Files.writeString(self.resolve("net").resolve("tcp"), HEADER + String.join("", tcp), StandardCharsets.US_ASCII);
            Path six = self.resolve("net").resolve("tcp6");
            if (withTcp6) {
                Files.writeString(six, HEADER + String.join("", tcp6), StandardCharsets.US_ASCII);
            } else {
                Files.deleteIfExists(six);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    FakeProc clearRows() {
        tcp.clear();
        tcp6.clear();
        return this;
    }

    private static String row(int sl, String local, String remote, int state, long inode) {
        return String.format(Locale.ROOT, "%4d: %s %s %02X 00000000:00000000 00:00000000 00000000  1000        0 %d 1 "
                + "0000000000000000 20 4 30 10 -1\n", sl, local, remote, state, inode);
    }

    /** Four bytes in network order as the kernel prints a 32-bit word: in the machine's byte order. */
    private static String word(int[] bytes) {
        int value = bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3];
        int printed = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? Integer.reverseBytes(value) : value;
        return String.format(Locale.ROOT, "%08X", printed);
    }

    private static String port(int port) {
        return String.format(Locale.ROOT, "%04X", port);
    }
}
