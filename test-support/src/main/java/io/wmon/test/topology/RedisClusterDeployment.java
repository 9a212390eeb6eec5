package io.wmon.test.topology;

import io.wmon.test.RedisBinaries;
import io.wmon.test.RedisProbe;
import io.wmon.test.tls.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A real Redis Cluster on loopback: masters (3 by default), each with as many replicas as
 * {@link Builder#replicasPerMaster(int)} says (none by default), each node a {@code redis-server}
 * child process with {@code cluster-enabled yes}, its own directory (in {@code /dev/shm} where that exists) and {@code nodes.conf}, no
 * persistence and a short {@code cluster-node-timeout} (1000 ms by default), the 16384 slots split evenly
 * among the masters. {@link Builder#start()} returns once every node reports {@code cluster_state:ok}, all
 * agree on the slot map and every replica is in sync; a start takes a little over 2 s, since a master
 * waits 2 s after its own start before it declares the cluster ok.
 *
 * <p>Tests break it on purpose: {@link #kill} (SIGKILL), {@link #pause} (SIGSTOP), {@link #resume},
 * {@link #start(HostAndPort)}. With no replicas, a node that is down for longer than the node timeout
 * takes the cluster down ({@code CLUSTERDOWN}) unless it was built with {@code requireFullCoverage(false)}.
 * With replicas, {@link #killMaster(HostAndPort)} and {@link #awaitFailover(Duration)} kill a master and
 * wait for the cluster to promote its replica; {@link #start(HostAndPort)} brings the old master back,
 * as the new master's replica; {@link #failOver(HostAndPort, Duration)} hands a live master's slots to its
 * replica; {@link #moveSlot(int, HostAndPort)} reshards one slot to another master, and
 * {@link #beginSlotMove(int, HostAndPort)} does it step by step; {@link #addMaster()} adds a master without slots. Nodes are killed when the JVM exits should {@link #close()} never run.
 *
 * <p>Built with {@link Builder#tls(TestCertificates)}, every node speaks TLS only ({@code --port 0}, the
 * client port is the {@code --tls-port}, the bus is TLS too), {@link #url()} is {@code rediss-cluster://…},
 * and the probes and {@link #connect} use TLS trusting the test CA.
 */
public final class RedisClusterDeployment implements AutoCloseable {

    private final Builder settings;
    private final WorkDirectory workDirectory;
    private final List<RedisNodeProcess> nodes = new ArrayList<>();
    /** Null for a plain cluster. */
    private final TopologyTls tls;
    private final HarnessConnections connections;
    private final NodeProbes probes;
    private Duration startupTime;
    /** How each node is started; kept for {@link #addMaster()}. */
    private ClusterNodeCommand nodeCommand;
    /** Started by {@link #killMaster}, ended by {@link #awaitFailover}; null between. */
    private ClusterFailoverWatch failoverWatch;

    private RedisClusterDeployment(Builder settings) {
        this.settings = settings;
        this.tls = settings.certificates == null ? null : TopologyTls.of(settings.certificates);
        this.connections = HarnessConnections.of(tls);
        this.probes = new NodeProbes(connections);
        this.workDirectory = WorkDirectory.create("wmon-cluster-");
    }

    /** A cluster of three masters with the default settings; returns once it is ready. */
    public static RedisClusterDeployment start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    private void open() {
        long began = System.nanoTime();
        Path binary = settings.binary != null ? settings.binary : RedisBinaries.preferred();
        nodeCommand = new ClusterNodeCommand(binary, settings.nodeTimeout, settings.requireFullCoverage, tls);
        int replicas = settings.masters * settings.replicasPerMaster;
        for (int i = 0; i < settings.masters + replicas; i++) {
            // Masters first (node-0…), then their replicas: replica k follows master k % masters.
            String name = i < settings.masters ? "node-" + i : "node-" + i + "-replica-of-" + ((i - settings.masters) % settings.masters);
            RedisNodeProcess node = newNode(name);
            nodes.add(node);
            node.start();
        }
        List<RedisNodeProcess> masters = nodes.subList(0, settings.masters);
        List<RedisNodeProcess> replicaNodes = nodes.subList(settings.masters, nodes.size());
        ClusterFormation.form(connections, masters, replicaNodes, nodeCommand.redis7());
        ClusterFormation.attachReplicas(connections, masters, replicaNodes, settings.readyTimeout, this::logTails);
        awaitHealthy();
        startupTime = Duration.ofNanos(System.nanoTime() - began);
    }

    /** A node process in a directory of its own, not started. */
    private RedisNodeProcess newNode(String name) {
        Path dir = workDirectory.server(name);
        WorkDirectory.deletedOnExit(dir.resolve(ClusterNodeCommand.NODES_CONF));
        return new RedisNodeProcess(name, dir, nodeCommand::pickPorts, ports -> nodeCommand.command(dir, ports), connections);
    }

    /**
     * Starts one more node and makes the cluster meet it, as a master that serves no slot yet (the first step
     * of a scale-out; {@link #beginSlotMove} gives it slots); returns its address once every node knows it and
     * the cluster is whole. Clients that found the nodes before know nothing of it: {@code CLUSTER SLOTS} lists
     * only nodes that serve slots.
     *
     * @throws IllegalStateException when the nodes did not all know it within the builder's ready timeout
     */
    public HostAndPort addMaster() {
        RedisNodeProcess node = newNode("node-" + nodes.size() + "-added");
        node.start();
        nodes.add(node);
        try (Jedis first = connections.open(anyRunningNode())) {
            ClusterFormation.meet(first, node.ports(), nodeCommand.redis7());
        }
        awaitHealthy();
        return node.address();
    }

    /**
     * The nodes' client addresses, in the order they were started: the masters as formed (node 0 first), then
     * the replicas. After a failover the roles differ from that order; {@link #slotMap()} says who serves what.
     */
    public List<HostAndPort> nodes() {
        return nodes.stream().map(RedisNodeProcess::address).toList();
    }

    /** Node {@code index}'s client address, 0-based. */
    public HostAndPort node(int index) {
        return nodes.get(index).address();
    }

    /** How many replicas the cluster was formed with (masters × replicas per master). */
    public int replicas() {
        return settings.masters * settings.replicasPerMaster;
    }

    /**
     * {@code redis-cluster://127.0.0.1:p1,127.0.0.1:p2,…} ({@code rediss-cluster://…} with TLS): every node, as
     * wmon's endpoint option takes it.
     */
    public String url() {
        return nodes().stream().map(HostAndPort::toString)
                .collect(Collectors.joining(",", isTls() ? "rediss-cluster://" : "redis-cluster://", ""));
    }

    /** True when the nodes speak TLS only ({@link Builder#tls(TestCertificates)}). */
    public boolean isTls() {
        return tls != null;
    }

    /** How long {@link Builder#start()} took, from the first process launched to the cluster agreed and ok. */
    public Duration startupTime() {
        return startupTime;
    }

    /** The slot map as a running node reports it now. */
    public SlotMap slotMap() {
        try (Jedis jedis = connections.open(anyRunningNode())) {
            return SlotMap.parse(jedis.clusterNodes());
        }
    }

    /** {@code CLUSTER KEYSLOT key}, asked from a running node. */
    public int slot(String key) {
        try (Jedis jedis = connections.open(anyRunningNode())) {
            return (int) jedis.clusterKeySlot(key);
        }
    }

    /** The master that serves {@code key}: its slot ({@code CLUSTER KEYSLOT}) looked up in the current slot map. */
    public HostAndPort nodeFor(String key) {
        try (Jedis jedis = connections.open(anyRunningNode())) {
            int slot = (int) jedis.clusterKeySlot(key);
            return SlotMap.parse(jedis.clusterNodes()).nodeFor(slot);
        }
    }

    /** The master that serves namespace {@code namespace}: every key of it carries the hash tag {@code {namespace}}. */
    public HostAndPort nodeForNamespace(String namespace) {
        return nodeFor(registryKey(namespace));
    }

    /** {@code wmon:{namespace}:workers}, the registry key of schema v1, written out here so that a change to it fails the tests. */
    public static String registryKey(String namespace) {
        return "wmon:{" + namespace + "}:workers";
    }

    /** {@link #namespacesOnDifferentNodes(String, int)} with names {@code ns0}, {@code ns1}, … */
    public List<String> namespacesOnDifferentNodes(int count) {
        return namespacesOnDifferentNodes("ns", count);
    }

    /**
     * {@code count} namespace names {@code <prefix><n>} (smallest n first) whose keys land on {@code count}
     * different masters, e.g. to check that one client serves two namespaces on two nodes.
     *
     * @throws IllegalArgumentException when {@code count} exceeds the number of masters
     */
    public List<String> namespacesOnDifferentNodes(String prefix, int count) {
        if (count < 1 || count > settings.masters) {
            throw new IllegalArgumentException("count is " + count + ", expected 1.." + settings.masters
                    + " (the number of masters)");
        }
        List<String> found = new ArrayList<>();
        List<HostAndPort> used = new ArrayList<>();
        for (int n = 0; found.size() < count; n++) {
            String candidate = prefix + n;
            HostAndPort node = nodeForNamespace(candidate);
            if (!used.contains(node)) {
                used.add(node);
                found.add(candidate);
            }
        }
        return found;
    }

    /**
     * The probe of {@code node} for assertions ({@code CLIENT LIST}, {@code INFO}, commands): one connection
     * named {@value RedisProbe#CLIENT_NAME}, reopened after a restart, closed with the deployment.
     */
    public RedisProbe probe(HostAndPort node) {
        process(node);
        return probes.of(node);
    }

    /**
     * How many connections each node lists ({@code CLIENT LIST}) whose name starts with {@code namePrefix},
     * in node order; the probes' own connections are left out. A paused or killed node fails the call.
     */
    public Map<HostAndPort, Long> clientCounts(String namePrefix) {
        Map<HostAndPort, Long> counts = new LinkedHashMap<>();
        for (HostAndPort node : nodes()) {
            counts.put(node, probe(node).countClients(namePrefix));
        }
        return counts;
    }

    /**
     * A new connection to {@code node}, TLS when the cluster speaks TLS (named {@code wmon-test-topology}, which connection
     * counts leave out), for the caller to close. It follows no redirection: a key of another node gets {@code MOVED}.
     */
    public Jedis connect(HostAndPort node) {
        process(node);
        return connections.open(node);
    }

    /** SIGKILL to {@code node}, like a crash; returns once the process has exited. */
    public void kill(HostAndPort node) {
        process(node).kill();
    }

    /**
     * SIGKILL to {@code master}, which must serve slots and have a replica, and starts the clock of
     * {@link #awaitFailover(Duration)}; returns once the process has exited.
     *
     * @throws IllegalArgumentException when {@code master} serves no slot, or the cluster has no replicas
     */
    public void killMaster(HostAndPort master) {
        if (replicas() == 0) {
            throw new IllegalArgumentException("the cluster has no replica to promote: build it with replicasPerMaster(1),"
                    + " or use kill() to take the slots down");
        }
        List<SlotRange> served = slotMap().rangesOf(master);
        if (served.isEmpty()) {
            throw new IllegalArgumentException(master + " serves no slot: it is not a master of " + slotMap());
        }
        process(master).kill();
        failoverWatch = new ClusterFailoverWatch(connections, master, served.get(0).first());
    }

    /**
     * Waits until the cluster has promoted a replica of the master {@link #killMaster} killed: a first node
     * names another master for its slots and that node reports {@code role:master}, then every running node
     * names it and reports {@code cluster_state:ok}.
     *
     * @param timeout the longest wait, from this call
     * @throws IllegalStateException when no master was killed, or the failover did not complete in time
     */
    public Failover awaitFailover(Duration timeout) {
        if (failoverWatch == null) {
            throw new IllegalStateException("no master was killed: call killMaster() first");
        }
        Failover failover = failoverWatch.await(this::runningNodes, timeout, this::logTails);
        failoverWatch = null;
        return failover;
    }

    /**
     * A manual failover of {@code master}: {@code CLUSTER FAILOVER} sent to its replica, which takes over
     * its slots while the old master, alive, becomes its replica; returns once every running node names the
     * replica for the slots and reports {@code cluster_state:ok}. Clients that still go to the old master get
     * {@code MOVED}.
     *
     * @throws IllegalArgumentException when {@code master} serves no slot or no running replica follows it
     * @throws IllegalStateException when the failover did not complete within {@code timeout}
     */
    public Failover failOver(HostAndPort master, Duration timeout) {
        List<SlotRange> served = slotMap().rangesOf(master);
        if (served.isEmpty()) {
            throw new IllegalArgumentException(master + " serves no slot: it is not a master of " + slotMap());
        }
        HostAndPort replica = runningNodes().stream().filter(node -> follows(node, master)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no running replica follows " + master));
        try (Jedis jedis = connections.open(replica)) {
            jedis.clusterFailover();
        }
        return new ClusterFailoverWatch(connections, master, served.get(0).first()).await(this::runningNodes, timeout, this::logTails);
    }

    /**
     * Moves {@code slot} and its keys from the master that serves it to the master {@code to} (a resharding
     * of one slot, plain clusters only), then waits until every running node names {@code to} for it.
     *
     * @throws IllegalArgumentException when {@code to} is no master or already serves the slot
     * @throws IllegalStateException when the nodes did not agree within the builder's ready timeout
     */
    public void moveSlot(int slot, HostAndPort to) {
        beginSlotMove(slot, to).finish();
    }

    /**
     * Begins moving {@code slot} to the master {@code to} (plain clusters only) and returns with no key moved
     * yet: the test moves keys and {@linkplain SlotMove#finish() finishes} the move when it chooses, and
     * meanwhile clients meet {@code ASK}.
     *
     * @throws IllegalArgumentException when {@code to} is no master or already serves the slot
     */
    public SlotMove beginSlotMove(int slot, HostAndPort to) {
        String clusterNodes;
        try (Jedis jedis = connections.open(anyRunningNode())) {
            clusterNodes = jedis.clusterNodes();
        }
        HostAndPort from = SlotMap.parse(clusterNodes).nodeFor(slot);
        List<HostAndPort> masters = ClusterNodeEntry.parseAll(clusterNodes).stream().filter(ClusterNodeEntry::isMaster)
                .map(ClusterNodeEntry::address).toList();
        if (!masters.contains(to) || from.equals(to)) {
            throw new IllegalArgumentException(to + " is not another master than " + from + ", which serves slot " + slot);
        }
        return SlotMove.begin(connections, slot, from, to, masters, this::runningNodes, settings.readyTimeout, this::logTails);
    }

    private boolean follows(HostAndPort node, HostAndPort master) {
        try (Jedis jedis = connections.open(node, HarnessConnections.CHECK_TIMEOUT_MILLIS)) {
            Map<String, String> replication = InfoFields.parse(jedis.info("replication"));
            return "slave".equals(replication.get("role")) && Integer.toString(master.getPort()).equals(replication.get("master_port"));
        }
    }

    /**
     * Starts a killed node again on its ports, from its {@code nodes.conf} (same id; a master whose slots a
     * replica took meanwhile comes back as that replica's replica); returns once it answers and, when every node
     * runs, once the whole cluster is ok and agreed again.
     */
    public void start(HostAndPort node) {
        process(node).start();
        if (nodes.stream().allMatch(RedisNodeProcess::isRunning)) {
            awaitHealthy();
        }
    }

    /** SIGSTOP to {@code node}: its connections stay open, it answers nothing, it sends no gossip. */
    public void pause(HostAndPort node) {
        process(node).pause();
    }

    /** SIGCONT to a paused node; returns once it answers again (its peers may still flag it failed for a while). */
    public void resume(HostAndPort node) {
        process(node).resume();
    }

    /** True while {@code node}'s process is alive (paused counts as alive). */
    public boolean isRunning(HostAndPort node) {
        return process(node).isRunning();
    }

    /**
     * Waits, up to the builder's ready timeout, until every node reports {@code cluster_state:ok}, all slots
     * served, every peer connected and unflagged, and the same slot map as the others.
     *
     * @throws IllegalStateException naming what was still wrong, with the tail of each node's log
     */
    public void awaitHealthy() {
        List<HostAndPort> addresses = nodes();
        String replicas = replicas() == 0 ? "" : " and " + replicas() + " replicas";
        BoundedWait.until("a healthy Redis Cluster of " + settings.masters + " masters" + replicas + " " + addresses,
                settings.readyTimeout, () -> ClusterHealth.problem(connections, addresses, replicas()), this::logTails);
    }

    /** The tail of every node's log, to quote in a failure message. */
    public String logTails() {
        return nodes.stream().map(RedisNodeProcess::logTail).collect(Collectors.joining("\n"));
    }

    private List<HostAndPort> runningNodes() {
        return nodes.stream().filter(node -> node.isRunning() && !node.isPaused()).map(RedisNodeProcess::address).toList();
    }

    private HostAndPort anyRunningNode() {
        return nodes.stream().filter(node -> node.isRunning() && !node.isPaused()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no node of the cluster is running"))
                .address();
    }

    private RedisNodeProcess process(HostAndPort node) {
        Objects.requireNonNull(node, "node");
        return nodes.stream().filter(candidate -> candidate.address().equals(node)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(node + " is not a node of this cluster " + nodes()));
    }

    /** Closes the probes, kills every node (last started first) and deletes the directories. */
    @Override
    public void close() {
        try {
            probes.close();
        } finally {
            for (int i = nodes.size() - 1; i >= 0; i--) {
                nodes.get(i).close();
            }
            workDirectory.delete();
        }
    }

    /** Settings of a cluster; {@link #start()} may be called more than once, each call a new cluster. */
    public static final class Builder {

        private int masters = 3;
        private int replicasPerMaster;
        private Duration nodeTimeout = Duration.ofMillis(1_000);
        private boolean requireFullCoverage = true;
        private Path binary;
        private Duration readyTimeout = Duration.ofSeconds(30);
        private TestCertificates certificates;

        private Builder() {
        }

        /**
         * TLS only on every node, the client port and the cluster bus, with the server certificate of
         * {@code certificates} (which names {@code localhost} and {@code 127.0.0.1}); no client certificate
         * is asked. Default: plain.
         */
        public Builder tls(TestCertificates certificates) {
            this.certificates = Objects.requireNonNull(certificates, "certificates");
            return this;
        }

        /** How many masters, 1 to 16 (default 3). */
        public Builder masters(int masters) {
            if (masters < 1 || masters > 16) {
                throw new IllegalArgumentException("masters is " + masters + ", expected 1..16");
            }
            this.masters = masters;
            return this;
        }

        /** How many replicas each master gets, 0 to 2 (default 0); a master with one can fail over. */
        public Builder replicasPerMaster(int replicasPerMaster) {
            if (replicasPerMaster < 0 || replicasPerMaster > 2) {
                throw new IllegalArgumentException("replicasPerMaster is " + replicasPerMaster + ", expected 0..2");
            }
            this.replicasPerMaster = replicasPerMaster;
            return this;
        }

        /** {@code cluster-node-timeout}: how long a silent node takes to be flagged failed (default 1000 ms, at least 100 ms). */
        public Builder nodeTimeout(Duration nodeTimeout) {
            if (nodeTimeout.toMillis() < 100) {
                throw new IllegalArgumentException("nodeTimeout is " + nodeTimeout.toMillis() + " ms, expected at least 100 ms");
            }
            this.nodeTimeout = nodeTimeout;
            return this;
        }

        /** {@code cluster-require-full-coverage}: false keeps the other nodes serving while one is down (default true). */
        public Builder requireFullCoverage(boolean requireFullCoverage) {
            this.requireFullCoverage = requireFullCoverage;
            return this;
        }

        /** The {@code redis-server} to run (default {@link RedisBinaries#preferred()}). */
        public Builder binary(Path binary) {
            this.binary = Objects.requireNonNull(binary, "binary");
            return this;
        }

        /** The longest wait for the cluster to become healthy, at start and in {@link #awaitHealthy()} (default 30 s). */
        public Builder readyTimeout(Duration readyTimeout) {
            if (readyTimeout.isNegative() || readyTimeout.isZero()) {
                throw new IllegalArgumentException("readyTimeout is " + readyTimeout + ", expected a positive duration");
            }
            this.readyTimeout = readyTimeout;
            return this;
        }

        /** Starts the nodes, forms the cluster and returns it once healthy; on failure everything started is stopped. */
        public RedisClusterDeployment start() {
            RedisClusterDeployment cluster = new RedisClusterDeployment(copy());
            try {
                cluster.open();
                return cluster;
            } catch (RuntimeException e) {
                cluster.close();
                throw e;
            }
        }

        /** A snapshot, so that a later change to this builder leaves a running cluster alone. */
        private Builder copy() {
            Builder copy = new Builder();
            copy.masters = masters;
            copy.replicasPerMaster = replicasPerMaster;
            copy.nodeTimeout = nodeTimeout;
            copy.requireFullCoverage = requireFullCoverage;
            copy.binary = binary;
            copy.readyTimeout = readyTimeout;
            copy.certificates = certificates;
            return copy;
        }
    }
}
