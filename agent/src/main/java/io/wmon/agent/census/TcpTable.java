package io.wmon.agent.census;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the kernel's table of TCP sockets, {@code /proc/self/net/tcp} or {@code tcp6}, and hands each
 * row's inode, state, local port and remote end to a {@link Rows} callback.
 *
 * <p>A row reads {@code sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode …},
 * addresses in hex as the kernel stores them (each 32-bit word in the machine's byte order), ports in
 * hex, the state in hex ({@code 01} = ESTABLISHED). The file is parsed as bytes from one reused buffer,
 * without a string per row. One reader is used by one thread at a time.
 *
 * <p>The table lists every socket of the network namespace, other processes' too; the census keeps
 * the rows whose inode is one of this JVM's descriptors. Reading it costs the kernel a walk of its whole
 * TCP hash table, several milliseconds on a large machine whatever the number of sockets, which is why
 * {@link SocketCensus} reads it only when it sees a socket it does not know yet.
 */
final class TcpTable {

    /** The state of an established connection. */
    static final int ESTABLISHED = 0x01;
    /** A connection on its way up: its state is about to change. */
    static final int SYN_SENT = 0x02;
    static final int SYN_RECV = 0x03;

    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    /** Receives the rows of a table. */
    interface Rows {
        /**
         * @param inode the socket's inode (0 for a socket no descriptor holds, e.g. TIME_WAIT)
         * @param state the TCP state, {@link #ESTABLISHED} for a connection that is up
         * @param remoteHi the remote address in IPv6 form, first 8 bytes (an IPv4 one as {@code ::ffff:a.b.c.d})
         * @param remoteLo its last 8 bytes
         */
        void row(long inode, int state, int localPort, long remoteHi, long remoteLo, int remotePort);
    }

    private byte[] buffer = new byte[64 * 1024];

    /**
     * Reads {@code file}, a table of IPv6 sockets when {@code ipv6}.
     *
     * @return false when the file does not exist (a kernel without IPv6 has no {@code tcp6})
     * @throws IOException when it cannot be read, or a row is not in the expected form
     */
    boolean read(Path file, boolean ipv6, Rows rows) throws IOException {
        try (InputStream in = new FileInputStream(file.toFile())) {
            int filled = 0;
            boolean header = true;
            int n;
            while ((n = in.read(buffer, filled, buffer.length - filled)) > 0) {
                filled += n;
                int start = 0;
                for (int i = 0; i < filled; i++) {
                    if (buffer[i] == '\n') {
                        if (!header) {
                            parse(start, i, ipv6, rows);
                        }
                        header = false;
                        start = i + 1;
                    }
                }
                System.arraycopy(buffer, start, buffer, 0, filled - start);
                filled -= start;
                if (filled == buffer.length) {
                    throw new IOException(file + ": a row longer than " + buffer.length + " bytes");
                }
            }
            if (filled > 0 && !header) {
                parse(0, filled, ipv6, rows);
            }
            return true;
        } catch (java.io.FileNotFoundException e) {
            if (!file.toFile().exists()) {
                return false;
            }
            throw e;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private void parse(int from, int to, boolean ipv6, Rows rows) throws IOException {
        int i = skip(from, to);
        i = skip(tokenEnd(i, to), to); // sl
        int addressDigits = ipv6 ? 32 : 8;
        // local address:port
        i += addressDigits;
        expect(i, to, ':');
        int localPort = (int) hex(i + 1, i + 5, to);
        i = skip(i + 5, to);
        long remoteHi = ipv6 ? word(i, to) << 32 | word(i + 8, to) : 0;
        long remoteLo = ipv6 ? word(i + 16, to) << 32 | word(i + 24, to) : 0xFFFF_0000_0000L | word(i, to);
        i += addressDigits;
        expect(i, to, ':');
        int remotePort = (int) hex(i + 1, i + 5, to);
        i = skip(i + 5, to);
        int state = (int) hex(i, i + 2, to);
        i = skip(i + 2, to);
        for (int field = 0; field < 5; field++) { // tx:rx tr:when retrnsmt uid timeout
            i = skip(tokenEnd(i, to), to);
        }
        long inode = decimal(i, tokenEnd(i, to));
        rows.row(inode, state, localPort, remoteHi, remoteLo, remotePort);
    }

    /** Eight hex digits of a 32-bit word in the machine's byte order, as the network-order value. */
    private long word(int at, int to) throws IOException {
        int raw = (int) hex(at, at + 8, to);
        return (LITTLE_ENDIAN ? Integer.reverseBytes(raw) : raw) & 0xFFFF_FFFFL;
    }

    private long hex(int from, int end, int to) throws IOException {
        if (end > to) {
            throw malformed(from, to);
        }
        long value = 0;
        for (int i = from; i < end; i++) {
            int b = buffer[i];
            int digit = b >= '0' && b <= '9' ? b - '0' : b >= 'A' && b <= 'F' ? b - 'A' + 10
                    : b >= 'a' && b <= 'f' ? b - 'a' + 10 : -1;
            if (digit < 0) {
                throw malformed(from, to);
            }
            value = value << 4 | digit;
        }
        return value;
    }

    private long decimal(int from, int end) throws IOException {
        if (from >= end) {
            throw malformed(from, end);
        }
        long value = 0;
        for (int i = from; i < end; i++) {
            int digit = buffer[i] - '0';
            if (digit < 0 || digit > 9) {
                throw malformed(from, end);
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private void expect(int at, int to, char c) throws IOException {
        if (at >= to || buffer[at] != c) {
            throw malformed(at, to);
        }
    }

    private int skip(int i, int to) {
        while (i < to && buffer[i] == ' ') {
            i++;
        }
        return i;
    }

    private int tokenEnd(int i, int to) {
        while (i < to && buffer[i] != ' ') {
            i++;
        }
        return i;
    }

    private IOException malformed(int at, int to) {
        int end = Math.min(to, at + 40);
        return new IOException("unexpected TCP table row near '"
                + new String(buffer, at, Math.max(0, end - at), java.nio.charset.StandardCharsets.US_ASCII) + "'");
    }
}
