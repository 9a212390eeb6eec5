package io.wmon.test.topology;

import io.wmon.test.RedisBinaries;
import io.wmon.test.RedisProbe;
import io.wmon.test.tls.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A real Redis Sentinel deployment on loopback: one master, one replica ({@code --replicaof}) and three
 * sentinels ({@code redis-server sentinel.conf --sentinel}) monitoring the master under one name with a
 * quorum of 2, {@code down-after-milliseconds} 1000 and {@code failover-timeout} 5000 by default; each server a
 * child process in its own directory (in {@code /dev/shm} where that exists), without persistence. {@link Builder#start()} returns once the replica
 * is in sync and every sentinel names the master, sees it up, sees the replica in sync and sees the other
 * sentinels, so that a failover can begin as soon as the master dies; that takes a little over 2 s, since
 * sentinels announce themselves to each other every 2 s.
 *
 * <p>{@link #killMaster()} sends SIGKILL to the current master and {@link #awaitFailover(Duration)} waits
 * until the sentinels have promoted the replica. Servers are killed when the JVM exits should
 * {@link #close()} never run.
 *
 * <p>Built with {@link Builder#tls(TestCertificates)}, every server speaks TLS only ({@code --port 0}, the
 * client port is the {@code --tls-port}), replication and the sentinels' links to the servers and to each
 * other are TLS too, {@link #url()} is {@code rediss-sentinel://…}, and the probes and {@link #connect} use
 * TLS trusting the test CA.
 *
 * <p>Built with {@link Builder#dataPassword(String)}, the master and the replica ask for that password
 * ({@code requirepass}, {@code masterauth} for replication) and the sentinels use it ({@code sentinel auth-pass});
 * built with {@link Builder#sentinelPassword(String)}, the sentinels ask for theirs ({@code requirepass}, which
 * they also send each other). Either, both or neither, with or without TLS; the deployment's own connections,
 * {@link #probe} and {@link #connect} authenticate with the password of the server they reach, {@link #url()}
 * names none.
 */
public final class RedisSentinelDeployment implements AutoCloseable {

    /** The master name when the builder sets none. */
    public static final String DEFAULT_MASTER_NAME = "wmon-master";
    private static final Pattern MASTER_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    /** The longest password a builder takes, in characters. */
    private static final int MAX_PASSWORD_LENGTH = 128;

    private final Builder settings;
    private final WorkDirectory workDirectory;
    /** The master first, then the replica, whatever their roles became since. */
    private final List<RedisNodeProcess> dataNodes = new ArrayList<>();
    private final List<RedisNodeProcess> sentinelNodes = new ArrayList<>();
    /** By data node name: the port of the master it replicates at its next start, 0 to start as a master. */
    private final Map<String, Integer> upstreamPorts = new ConcurrentHashMap<>();
    /** Null for a plain deployment. */
    private final TopologyTls tls;
    /** To the master and the replica, with the data password if any. */
    private final HarnessConnections dataConnections;
    /** To the sentinels, with the sentinel password if any. */
    private final HarnessConnections sentinelConnections;
    private final NodeProbes dataProbes;
    private final NodeProbes sentinelProbes;
    private Duration startupTime;
    /** Started by {@link #killMaster()}, ended by {@link #awaitFailover}; null between. */
    private FailoverWatch failoverWatch;

    private RedisSentinelDeployment(Builder settings) {
        this.settings = settings;
        this.tls = settings.certificates == null ? null : TopologyTls.of(settings.certificates);
        HarnessConnections connections = HarnessConnections.of(tls);
        this.dataConnections = connections.withPassword(settings.dataPassword);
        this.sentinelConnections = connections.withCredentials(settings.sentinelUser, settings.sentinelPassword);
        this.dataProbes = new NodeProbes(dataConnections);
        this.sentinelProbes = new NodeProbes(sentinelConnections);
        this.workDirectory = WorkDirectory.create("wmon-sentinel-");
    }

    /** One master, one replica and three sentinels with the default settings; returns once ready. */
    public static RedisSentinelDeployment start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    private void open() {
        long began = System.nanoTime();
        DataNodeCommand command = new DataNodeCommand(settings.binary != null ? settings.binary : RedisBinaries.preferred(), tls,
                settings.dataPassword);
        RedisNodeProcess master = dataNode(command, "master", 0);
        RedisNodeProcess replica = dataNode(command, "replica", master.ports().port());
        // Sentinels list a master's replicas from its INFO, asked at once and then only every 10 s: start them after the sync.
        awaitInSync(replica.address());
        for (int i = 0; i < settings.sentinels; i++) {
            Path dir = workDirectory.server("sentinel-" + i);
            Path config = SentinelConfigFile.write(dir, settings.masterName, master.ports().port(), settings.quorum,
                    settings.downAfter, settings.failoverTimeout, settings.dataPassword, settings.sentinelPassword,
                    settings.sentinelUser);
            RedisNodeProcess sentinel = new RedisNodeProcess("sentinel-" + i, dir, command::pickPorts,
                    ports -> command.sentinelCommand(config, ports), sentinelConnections);
            sentinelNodes.add(sentinel);
            sentinel.start();
        }
        awaitSentinelsReady(master.address(), replica.address());
        startupTime = Duration.ofNanos(System.nanoTime() - began);
    }

    private RedisNodeProcess dataNode(DataNodeCommand command, String name, int masterPort) {
        Path dir = workDirectory.server(name);
        upstreamPorts.put(name, masterPort);
        RedisNodeProcess node = new RedisNodeProcess(name, dir, command::pickPorts,
                ports -> command.command(dir, ports, upstreamPorts.get(name)), dataConnections);
        dataNodes.add(node);
        node.start();
        return node;
    }

    /** The master name the sentinels monitor. */
    public String masterName() {
        return settings.masterName;
    }

    /**
     * {@code redis-sentinel://127.0.0.1:s1,127.0.0.1:s2,127.0.0.1:s3/<master name>} ({@code rediss-sentinel://…}
     * with TLS), as wmon's endpoint option takes it. Never with credentials, whatever passwords the servers ask
     * for: callers add them ({@link #dataPassword()}, {@link #sentinelPassword()}) as the option under test wants them.
     */
    public String url() {
        return url(settings.masterName);
    }

    /** The same with another master name, e.g. one the sentinels do not know. */
    public String url(String masterName) {
        return sentinels().stream().map(HostAndPort::toString)
                .collect(Collectors.joining(",", isTls() ? "rediss-sentinel://" : "redis-sentinel://", "/" + masterName));
    }

    /** True when every server speaks TLS only ({@link Builder#tls(TestCertificates)}). */
    public boolean isTls() {
        return tls != null;
    }

    /** The password the master and the replica ask for ({@link Builder#dataPassword(String)}), null when none. */
    public String dataPassword() {
        return settings.dataPassword;
    }

    /** The password the sentinels ask for ({@link Builder#sentinelPassword(String)}), null when none. */
    public String sentinelPassword() {
        return settings.sentinelPassword;
    }

    /** The sentinels' ACL user ({@link Builder#sentinelUser(String)}), null for their default user. */
    public String sentinelUser() {
        return settings.sentinelUser;
    }

    /** The sentinels' addresses, in the order they were started. */
    public List<HostAndPort> sentinels() {
        return sentinelNodes.stream().map(RedisNodeProcess::address).toList();
    }

    /** The master and the replica as they were started (master first), whatever their roles are now. */
    public List<HostAndPort> dataNodes() {
        return dataNodes.stream().map(RedisNodeProcess::address).toList();
    }

    /** How long {@link Builder#start()} took, from the first process launched to every sentinel ready. */
    public Duration startupTime() {
        return startupTime;
    }

    /** The current master as the first sentinel that answers names it ({@code SENTINEL get-master-addr-by-name}). */
    public HostAndPort master() {
        RuntimeException last = null;
        for (HostAndPort sentinel : sentinels()) {
            try {
                HostAndPort master = SentinelHealth.masterAddress(sentinelConnections, sentinel, settings.masterName,
                        HarnessConnections.SETUP_TIMEOUT_MILLIS);
                if (master != null) {
                    return master;
                }
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw new IllegalStateException("no sentinel of " + sentinels() + " names a master " + settings.masterName, last);
    }

    /** The probe of the current master ({@link #master()}), for assertions. */
    public RedisProbe masterProbe() {
        return probe(master());
    }

    /**
     * The probe of {@code node}, a data node or a sentinel, for assertions ({@code CLIENT LIST}, {@code INFO}):
     * one connection named {@value RedisProbe#CLIENT_NAME}, authenticated with the node's password if any,
     * reopened after a restart, closed with the deployment.
     */
    public RedisProbe probe(HostAndPort node) {
        return (isSentinel(process(node)) ? sentinelProbes : dataProbes).of(node);
    }

    /**
     * A new connection to {@code node}, TLS when the deployment speaks TLS, authenticated with the node's
     * password if any (named {@code wmon-test-topology}, which connection counts leave out), for the caller to close.
     */
    public Jedis connect(HostAndPort node) {
        return connections(process(node)).open(node);
    }

    /** SIGKILL to the current master, like a crash; returns its address once the process has exited. */
    public HostAndPort killMaster() {
        HostAndPort master = master();
        RedisNodeProcess node = process(master);
        node.kill();
        failoverWatch = new FailoverWatch(sentinelConnections, dataConnections, master);
        return master;
    }

    /**
     * Waits until the sentinels have promoted a replica after {@link #killMaster()}: a first sentinel names
     * another master and that server reports {@code role:master}, then every sentinel names it.
     *
     * @param timeout the longest wait, from this call
     * @throws IllegalStateException when no master was killed, or the failover did not complete in time
     */
    public Failover awaitFailover(Duration timeout) {
        if (failoverWatch == null) {
            throw new IllegalStateException("no master was killed: call killMaster() first");
        }
        Failover failover = failoverWatch.await(sentinels(), settings.masterName, timeout, this::logTails);
        failoverWatch = null;
        return failover;
    }

    /**
     * Starts a killed data node again on its port, empty. When the sentinels name another master by now, it
     * starts as that master's replica ({@code --replicaof}), as an operator brings a failed server back, and
     * this returns once it is in sync and every sentinel sees it so: a second failover can follow. (Started
     * as a master, a sentinel would wait 8 s and more before it made it a replica.) When the sentinels still
     * name it master, it starts as the master again, and this returns once it answers.
     */
    public void start(HostAndPort node) {
        RedisNodeProcess process = process(node);
        if (isSentinel(process)) {
            throw new IllegalArgumentException(node + " is a sentinel; only the data nodes can be killed and started");
        }
        HostAndPort master = master();
        boolean asReplica = !master.equals(node);
        upstreamPorts.put(process.name(), asReplica ? master.getPort() : 0);
        process.start();
        if (asReplica) {
            awaitInSync(node);
            awaitSentinelsReady(master, node);
        }
    }

    private void awaitInSync(HostAndPort replica) {
        BoundedWait.until("replica " + replica + " in sync", settings.readyTimeout, () -> {
            try (Jedis jedis = dataConnections.open(replica, HarnessConnections.CHECK_TIMEOUT_MILLIS)) {
                String status = InfoFields.parse(jedis.info("replication")).get("master_link_status");
                return "up".equals(status) ? null : "master_link_status:" + status;
            }
        }, this::logTails);
    }

    private void awaitSentinelsReady(HostAndPort master, HostAndPort replica) {
        BoundedWait.until("every sentinel ready to fail " + master + " over to " + replica, settings.readyTimeout,
                () -> SentinelHealth.problem(sentinelConnections, sentinels(), settings.masterName, master, replica), this::logTails);
    }

    /** The tail of every server's log, to quote in a failure message. */
    public String logTails() {
        return Stream.concat(dataNodes.stream(), sentinelNodes.stream()).map(RedisNodeProcess::logTail)
                .collect(Collectors.joining("\n"));
    }

    private RedisNodeProcess process(HostAndPort node) {
        Objects.requireNonNull(node, "node");
        return Stream.concat(dataNodes.stream(), sentinelNodes.stream())
                .filter(candidate -> candidate.address().equals(node)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(node + " is not a server of this deployment: data nodes "
                        + dataNodes() + ", sentinels " + sentinels()));
    }

    private boolean isSentinel(RedisNodeProcess process) {
        return sentinelNodes.contains(process);
    }

    /** The connections to {@code process}: a sentinel's or a data node's. */
    private HarnessConnections connections(RedisNodeProcess process) {
        return isSentinel(process) ? sentinelConnections : dataConnections;
    }

    /** Closes the probes, kills the sentinels, then the data nodes, and deletes the directories. */
    @Override
    public void close() {
        try {
            try {
                dataProbes.close();
            } finally {
                sentinelProbes.close();
            }
        } finally {
            for (int i = sentinelNodes.size() - 1; i >= 0; i--) {
                sentinelNodes.get(i).close();
            }
            for (int i = dataNodes.size() - 1; i >= 0; i--) {
                dataNodes.get(i).close();
            }
            workDirectory.delete();
        }
    }

    /** Settings of a deployment; {@link #start()} may be called more than once, each call a new deployment. */
    public static final class Builder {

        private String masterName = DEFAULT_MASTER_NAME;
        private int sentinels = 3;
        private int quorum = 2;
        private Duration downAfter = Duration.ofMillis(1_000);
        private Duration failoverTimeout = Duration.ofMillis(5_000);
        private Path binary;
        private Duration readyTimeout = Duration.ofSeconds(30);
        private TestCertificates certificates;
        private String dataPassword;
        private String sentinelPassword;
        private String sentinelUser;

        private Builder() {
        }

        /**
         * TLS only on every server (data nodes and sentinels), for replication and between sentinels too, with
         * the server certificate of {@code certificates} (which names {@code localhost} and {@code 127.0.0.1});
         * no client certificate is asked. Default: plain.
         */
        public Builder tls(TestCertificates certificates) {
            this.certificates = Objects.requireNonNull(certificates, "certificates");
            return this;
        }

        /**
         * The password the master and the replica ask for ({@code --requirepass}), and use to replicate from
         * each other ({@code --masterauth}: either may be the master after a failover); the sentinels are given it
         * ({@code sentinel auth-pass}) to monitor them and fail them over. 1..128 characters, no whitespace or
         * control characters (it goes on a command line and in a config file). Default: none. (Redis 7.0 rewrites
         * {@code auth-pass} into {@code sentinel.conf} unquoted, so a sentinel could not be restarted from that file
         * with a quote in the password; this deployment never restarts its sentinels.)
         */
        public Builder dataPassword(String password) {
            this.dataPassword = password(password, "dataPassword");
            return this;
        }

        /**
         * The password the sentinels ask for ({@code requirepass} in their config), which Redis Sentinel also
         * sends when it connects to the other sentinels; independent of {@link #dataPassword(String)}. Same rules
         * as that. Default: none.
         */
        public Builder sentinelPassword(String password) {
            this.sentinelPassword = password(password, "sentinelPassword");
            return this;
        }

        /**
         * Makes {@link #sentinelPassword(String)} the password of this ACL user on the sentinels (all commands,
         * all channels) and turns their default user off, as a deployment with ACLs on its sentinels is set up;
         * the sentinels log in to each other as that user. Needs a sentinel password. Default: none, the
         * password is {@code requirepass}.
         */
        public Builder sentinelUser(String user) {
            this.sentinelUser = password(user, "sentinelUser");
            return this;
        }

        /** The name the sentinels monitor the master under (default {@value RedisSentinelDeployment#DEFAULT_MASTER_NAME}): letters, digits, {@code . _ -}. */
        public Builder masterName(String masterName) {
            if (masterName == null || !MASTER_NAME.matcher(masterName).matches()) {
                throw new IllegalArgumentException("masterName is '" + masterName + "', expected letters, digits, '.', '_' or '-'");
            }
            this.masterName = masterName;
            return this;
        }

        /** How many sentinels (default 3) and how many must agree that the master is down (default 2). */
        public Builder sentinels(int sentinels, int quorum) {
            if (sentinels < 1 || sentinels > 9 || quorum < 1 || quorum > sentinels) {
                throw new IllegalArgumentException("sentinels " + sentinels + " with quorum " + quorum
                        + ", expected 1..9 sentinels and a quorum of 1..sentinels");
            }
            this.sentinels = sentinels;
            this.quorum = quorum;
            return this;
        }

        /** {@code down-after-milliseconds}: how long the master may be silent before a sentinel deems it down (default 1000 ms). */
        public Builder downAfter(Duration downAfter) {
            this.downAfter = positive(downAfter, "downAfter");
            return this;
        }

        /** {@code failover-timeout} (default 5000 ms). */
        public Builder failoverTimeout(Duration failoverTimeout) {
            this.failoverTimeout = positive(failoverTimeout, "failoverTimeout");
            return this;
        }

        /** The {@code redis-server} to run, for the data nodes and the sentinels (default {@link RedisBinaries#preferred()}). */
        public Builder binary(Path binary) {
            this.binary = Objects.requireNonNull(binary, "binary");
            return this;
        }

        /** The longest wait for the deployment to become ready, at start and in {@link #start(HostAndPort)} (default 30 s). */
        public Builder readyTimeout(Duration readyTimeout) {
            this.readyTimeout = positive(readyTimeout, "readyTimeout");
            return this;
        }

        private static String password(String value, String name) {
            String expected = ", expected 1.." + MAX_PASSWORD_LENGTH + " characters without whitespace or control characters";
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException(name + " is " + (value == null ? "null" : "empty") + expected);
            }
            if (value.length() > MAX_PASSWORD_LENGTH) {
                throw new IllegalArgumentException(name + " has " + value.length() + " characters" + expected);
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
                    // Not the password itself: a message may end up in a shared build log.
                    throw new IllegalArgumentException(name + " has whitespace or a control character at index " + i + expected);
                }
            }
            return value;
        }

        private static Duration positive(Duration value, String name) {
            if (value == null || value.toMillis() < 1) {
                throw new IllegalArgumentException(name + " is " + value + ", expected at least 1 ms");
            }
            return value;
        }

        /** Starts the servers and returns the deployment once ready; on failure everything started is stopped. */
        public RedisSentinelDeployment start() {
            if (sentinelUser != null && sentinelPassword == null) {
                throw new IllegalStateException("sentinelUser needs a sentinelPassword: an ACL user logs in with one");
            }
            RedisSentinelDeployment deployment = new RedisSentinelDeployment(copy());
            try {
                deployment.open();
                return deployment;
            } catch (RuntimeException e) {
                deployment.close();
                throw e;
            }
        }

        /** A snapshot, so that a later change to this builder leaves a running deployment alone. */
        private Builder copy() {
            Builder copy = new Builder();
            copy.masterName = masterName;
            copy.sentinels = sentinels;
            copy.quorum = quorum;
            copy.downAfter = downAfter;
            copy.failoverTimeout = failoverTimeout;
            copy.binary = binary;
            copy.readyTimeout = readyTimeout;
            copy.certificates = certificates;
            copy.dataPassword = dataPassword;
            copy.sentinelPassword = sentinelPassword;
            copy.sentinelUser = sentinelUser;
            return copy;
        }
    }
}
