package io.wmon.agent.census;

import io.wmon.core.redis.RedisEndpoint;
import io.wmon.core.redis.RedisNode;
import io.wmon.core.redis.RedisTopology;
import io.wmon.core.redis.SharedPool;
import io.wmon.core.redis.SocketEnds;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts this JVM's established TCP connections to Redis, the agent's own and the application's,
 * from {@code /proc}: the socket inodes of {@code /proc/self/fd}, looked up in
 * {@code /proc/self/net/tcp6} and {@code tcp}. A connection is Redis when {@link RedisRemotes} says
 * so; it is the agent's own when its two ports are those of one of the shared pool's sockets.
 *
 * <p><b>Cost.</b> Listing the descriptors costs the kernel a few microseconds each (about 6 ms for 1,000
 * on the build machine); reading a TCP table costs more: the kernel walks its whole TCP hash table for
 * it, several milliseconds on a machine with much memory however few sockets there are. So the census remembers what it learnt of each socket
 * ({@link KnownSockets}) and reads the tables only when a descriptor holds a socket it does not know,
 * and in full every {@value #FULL_READ_EVERY} censuses but at most once a minute
 * ({@value #FULL_READ_MIN_MILLIS} ms), to see application connections the server closed (they leave
 * ESTABLISHED while their descriptor stays open) and sockets that were not connected yet when looked up
 * (they count from that full read on; one that no full read lists either is taken for UDP or Unix and
 * not looked up again). A JVM whose only Redis connections are the agent's own needs no full read: the
 * pool closes its connections itself.
 *
 * <p><b>Pacing.</b> Listing costs the kernel a few microseconds per descriptor, so a JVM with very many
 * descriptors could pay more for its census than for its beat. The census uses at most
 * {@value #MAX_SHARE_PERCENT} % of the heartbeat interval in CPU time on average (wall time where the JVM does
 * not measure a thread's CPU time): after a census that used more than that share of the interval,
 * {@link #due()} says no for as many intervals as it overran it, and the last census stands meanwhile.
 *
 * <p>Off Linux, or where {@code /proc} cannot be read, every census is {@link SocketCount#UNKNOWN}, and
 * the first says why in one log line. Not thread-safe: the agent's heartbeat thread takes every census;
 * {@link #last()} and {@link #peak()} may be read from anywhere.
 */
public final class SocketCensus {

    /** Censuses between two full reads of the TCP tables, at least. */
    public static final int FULL_READ_EVERY = 12;
    /** The shortest time between two full reads, ms, however short the interval. */
    public static final long FULL_READ_MIN_MILLIS = 60_000;
    /** The most of the heartbeat interval the census uses on average, in CPU time, percent. */
    public static final int MAX_SHARE_PERCENT = 2;

    private static final Logger LOG = LoggerFactory.getLogger(SocketCensus.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Path procSelf;
    private final FdSockets fds;
    private final TcpTable table = new TcpTable();
    private final KnownSockets known = new KnownSockets();
    private final RedisRemotes remotes;
    private final Supplier<List<SocketEnds>> ownSockets;
    private final IntSupplier untrackedOwn;
    private final Supplier<List<RedisNode>> nodes;
    private final Set<RedisNode> nodesCounted = new HashSet<>();
    private final long budgetNanos;
    private final int fullReadEvery;
    private long skipLeft;
    private String off;
    private boolean offSaid;
    private int sinceFullRead = Integer.MAX_VALUE - 1;
    private boolean ipv4First;
    private long tableReads;
    private volatile SocketCount last = SocketCount.UNKNOWN;
    private volatile int peak = -1;

    /**
     * @param procSelf the process's folder, {@code /proc/self}
     * @param osName the {@code os.name} of this JVM; the census runs on Linux only
     * @param remotes which remote ends are Redis
     * @param ownSockets the agent's own connections right now (the shared pool's {@code openSockets})
     * @param intervalMillis the heartbeat interval, for {@link #due()}
     */
    SocketCensus(Path procSelf, String osName, RedisRemotes remotes, Supplier<List<SocketEnds>> ownSockets,
            long intervalMillis) {
        this(procSelf, osName, remotes, ownSockets, () -> 0, Collections::emptyList, intervalMillis);
    }

    /**
     * @param untrackedOwn the agent's pooled connections whose sockets {@code ownSockets} cannot name
     *     (Sentinel and Cluster pools, which Jedis opens itself): taken from the application's count
     * @param nodes the servers the agent's pool uses now (a Cluster's nodes, Sentinel's master): counted
     *     as Redis on their address and port
     */
    SocketCensus(Path procSelf, String osName, RedisRemotes remotes, Supplier<List<SocketEnds>> ownSockets,
            IntSupplier untrackedOwn, Supplier<List<RedisNode>> nodes, long intervalMillis) {
        this.untrackedOwn = untrackedOwn;
        this.nodes = nodes;
        this.procSelf = procSelf;
        this.budgetNanos = intervalMillis * 1_000_000L * MAX_SHARE_PERCENT / 100;
        this.fullReadEvery = (int) Math.max(FULL_READ_EVERY, FULL_READ_MIN_MILLIS / Math.max(1, intervalMillis));
        this.fds = new FdSockets(procSelf.resolve("fd"));
        this.remotes = remotes;
        this.ownSockets = ownSockets;
        if (osName == null || !osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            off = "this JVM does not run on Linux (os.name " + osName + ")";
        }
    }

    /**
     * The census of the agent of this JVM; resolves {@code host} now, so call it on the agent's thread.
     *
     * @param host the agent's Redis host; its addresses count as Redis on {@code port}
     * @param port the agent's Redis port
     * @param redisPorts remote ports counted as Redis on any address (the agent's {@code redisPorts})
     * @param ownSockets the shared pool's open sockets
     * @param intervalMillis the heartbeat interval, ms
     */
    public static SocketCensus forAgent(String host, int port, Set<Integer> redisPorts,
            Supplier<List<SocketEnds>> ownSockets, long intervalMillis) {
        return new SocketCensus(Paths.get("/proc/self"), System.getProperty("os.name"),
                new RedisRemotes(redisPorts, resolve(host), port), ownSockets, intervalMillis);
    }

    /**
     * Whether this beat should take a census: true unless the last one overran its share of the interval
     * (see the class comment). Each call that says no counts one beat skipped.
     */
    public boolean due() {
        if (skipLeft > 0) {
            skipLeft--;
            return false;
        }
        return true;
    }

    /**
     * The census of the agent of this JVM, for any topology: a standalone server's and a Cluster's seed
     * addresses count as Redis from the start, the nodes the pool finds (Sentinel's master, a Cluster's
     * other nodes) as it finds them; the sentinels themselves are not Redis here. Resolves the hosts now,
     * so call it on the agent's thread.
     */
    public static SocketCensus forAgent(RedisEndpoint endpoint, Set<Integer> redisPorts, SharedPool pool,
            long intervalMillis) {
        RedisRemotes remotes = new RedisRemotes(redisPorts, new InetAddress[0], 0);
        if (endpoint.topology() != RedisTopology.SENTINEL) {
            for (RedisNode node : endpoint.nodes()) {
                for (InetAddress address : resolve(node.host())) {
                    remotes.add(address, node.port());
                }
            }
        }
        return new SocketCensus(Paths.get("/proc/self"), System.getProperty("os.name"), remotes, pool::openSockets,
                pool::untrackedConnections, pool::nodes, intervalMillis);
    }

    private static InetAddress[] resolve(String host) {
        try {
            return InetAddress.getAllByName(host);
        } catch (UnknownHostException | SecurityException e) {
            // The ports still tell Redis apart; so do the pool's own sockets once it has one.
            return new InetAddress[0];
        }
    }

    /** Takes a census now; {@link SocketCount#UNKNOWN} when the census is off. Never throws. */
    public SocketCount take() {
        if (off != null) {
            sayOffOnce();
            return SocketCount.UNKNOWN;
        }
        try {
            long start = now();
            SocketCount count = count();
            long took = now() - start;
            skipLeft = budgetNanos > 0 ? took / budgetNanos : 0;
            last = count;
            if (count.redisSockets() > peak) {
                peak = count.redisSockets();
            }
            return count;
        } catch (IOException | RuntimeException e) {
            off = "/proc cannot be read (" + e + ")";
            sayOffOnce();
            last = SocketCount.UNKNOWN;
            return SocketCount.UNKNOWN;
        }
    }

    /** This thread's CPU time, ns; the wall clock where the JVM does not measure it. */
    private static long now() {
        long cpu = THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
        return cpu >= 0 ? cpu : System.nanoTime();
    }

    /** The last census taken, {@link SocketCount#UNKNOWN} before the first. */
    public SocketCount last() {
        return last;
    }

    /** The highest {@code redisSockets} of any census so far; -1 before the first. */
    public int peak() {
        return peak;
    }

    /** Whether the census runs; false off Linux or after {@code /proc} could not be read. */
    public boolean on() {
        return off == null;
    }

    /** How many TCP tables the census has read so far (each costs milliseconds; see the class comment). */
    public long tableReads() {
        return tableReads;
    }

    private SocketCount count() throws IOException {
        long[] inodes = fds.read();
        Set<Long> open = new HashSet<>(inodes.length * 2);
        Set<Long> unknown = new HashSet<>();
        for (long inode : inodes) {
            if (open.add(inode) && !known.knows(inode)) {
                unknown.add(inode);
            }
        }
        for (RedisNode node : nodes.get()) {
            if (nodesCounted.add(node)) {
                for (InetAddress address : resolve(node.host())) {
                    remotes.add(address, node.port());
                }
            }
        }
        List<SocketEnds> own = ownSockets.get();
        Set<Long> ownKeys = new HashSet<>(own.size() * 2);
        for (SocketEnds ends : own) {
            ownKeys.add(key(ends.localPort(), ends.remotePort()));
            remotes.add(ends.remoteAddress(), ends.remotePort());
        }
        known.retainOnly(open);
        boolean full = ++sinceFullRead >= fullReadEvery && known.worthRereading(ownKeys::contains);
        if (full || !unknown.isEmpty()) {
            learn(full ? open : unknown, full);
        }
        if (full || sinceFullRead >= fullReadEvery) {
            sinceFullRead = 0;
        }

        List<Integer> appPorts = new ArrayList<>();
        List<Integer> agentPorts = new ArrayList<>();
        for (long inode : open) {
            KnownSockets.Known socket = known.get(inode);
            if (socket != null && socket.redis) {
                (ownKeys.contains(key(socket.localPort, socket.remotePort)) ? agentPorts : appPorts)
                        .add(socket.localPort);
            }
        }
        Collections.sort(appPorts);
        Collections.sort(agentPorts);
        List<Integer> ports = new ArrayList<>(Math.min(SocketCount.MAX_LOCAL_PORTS, appPorts.size() + agentPorts.size()));
        for (List<Integer> part : List.of(appPorts, agentPorts)) {
            for (int port : part) {
                if (ports.size() < SocketCount.MAX_LOCAL_PORTS) {
                    ports.add(port);
                }
            }
        }
        // Sentinel and Cluster pools' sockets are not known one by one: their number comes off the application's.
        int untracked = Math.min(Math.max(0, untrackedOwn.getAsInt()), appPorts.size());
        return new SocketCount(appPorts.size() + agentPorts.size(), appPorts.size() - untracked, ports);
    }

    /**
     * Looks {@code wanted} up in the TCP tables: the IPv6 one first (a dual-stack JVM's sockets are there,
     * IPv4 ones too), the IPv4 one only when some are still missing or the read is {@code full} (or the
     * other way round when the IPv4 table answered last time). What neither table holds is not a TCP
     * connection the census counts.
     */
    private void learn(Set<Long> wanted, boolean full) throws IOException {
        Set<Long> pending = new HashSet<>(wanted);
        int[] found = new int[1];
        TcpTable.Rows rows = (inode, state, localPort, remoteHi, remoteLo, remotePort) -> {
            if (inode == 0 || !pending.remove(inode)) {
                return;
            }
            found[0]++;
            if (state == TcpTable.ESTABLISHED) {
                known.established(inode, remotes.matches(remoteHi, remoteLo, remotePort), localPort, remotePort);
            } else if (state != TcpTable.SYN_SENT && state != TcpTable.SYN_RECV) {
                known.notCounted(inode);
            }
            // A connection on its way up stays unknown: the next census looks it up again.
        };
        boolean read = readTable(!ipv4First, rows);
        int foundInFirst = found[0];
        if (full || !pending.isEmpty()) {
            read |= readTable(ipv4First, rows);
        }
        if (!read) {
            throw new IOException(procSelf.resolve("net") + " has neither a tcp nor a tcp6 table");
        }
        if (found[0] - foundInFirst > foundInFirst) {
            ipv4First = !ipv4First;
        }
        for (long inode : pending) {
            known.notListed(inode);
        }
    }

    private boolean readTable(boolean ipv6, TcpTable.Rows rows) throws IOException {
        tableReads++;
        return table.read(procSelf.resolve("net").resolve(ipv6 ? "tcp6" : "tcp"), ipv6, rows);
    }

    private void sayOffOnce() {
        if (!offSaid) {
            offSaid = true;
            LOG.info("wmon socket census off: {}; RedisSocketCount and the record's redis_sockets, app_sockets and "
                    + "local_ports stay unknown", off);
        }
    }

    /** Censuses between two full reads: {@value #FULL_READ_EVERY}, or more for a short interval. */
    int fullReadEvery() {
        return fullReadEvery;
    }

    static long key(int localPort, int remotePort) {
        return (long) localPort << 16 | remotePort;
    }
}
