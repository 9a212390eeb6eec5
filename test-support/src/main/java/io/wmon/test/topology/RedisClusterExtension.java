package io.wmon.test.topology;

import io.wmon.test.RedisProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * Gives a test class its own {@link RedisClusterDeployment}, started before the class's first test and
 * stopped after its last; the methods below delegate to it.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RedisClusterExtension CLUSTER = new RedisClusterExtension();
 * }</pre>
 *
 * <p>Register it on a static field. {@code @Nested} classes share the enclosing class's cluster. A test
 * that breaks a node should bring it back ({@link #start(HostAndPort)}) for the tests after it.
 */
public final class RedisClusterExtension implements BeforeAllCallback, AfterAllCallback {

    private final RedisClusterDeployment.Builder settings;
    private RedisClusterDeployment cluster;
    /** Classes currently using the cluster: the registering class and its running {@code @Nested} classes. */
    private int scopes;

    /** Three masters with the default settings. */
    public RedisClusterExtension() {
        this(RedisClusterDeployment.builder());
    }

    /** A cluster as {@code settings} says, e.g. {@code RedisClusterDeployment.builder().masters(4)}. */
    public RedisClusterExtension(RedisClusterDeployment.Builder settings) {
        this.settings = settings;
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        if (scopes++ == 0) {
            cluster = settings.start();
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (scopes > 0 && --scopes > 0) {
            return;
        }
        if (cluster != null) {
            try {
                cluster.close();
            } finally {
                cluster = null;
            }
        }
    }

    /** The running deployment, for what the shortcuts below do not cover. */
    public synchronized RedisClusterDeployment deployment() {
        if (cluster == null) {
            throw new IllegalStateException("no Redis Cluster: register RedisClusterExtension with "
                    + "@RegisterExtension on a static field, and use it from tests or @BeforeAll methods");
        }
        return cluster;
    }

    /** @see RedisClusterDeployment#url() */
    public String url() {
        return deployment().url();
    }

    /** @see RedisClusterDeployment#nodes() */
    public List<HostAndPort> nodes() {
        return deployment().nodes();
    }

    /** @see RedisClusterDeployment#node(int) */
    public HostAndPort node(int index) {
        return deployment().node(index);
    }

    /** @see RedisClusterDeployment#slotMap() */
    public SlotMap slotMap() {
        return deployment().slotMap();
    }

    /** @see RedisClusterDeployment#nodeFor(String) */
    public HostAndPort nodeFor(String key) {
        return deployment().nodeFor(key);
    }

    /** @see RedisClusterDeployment#nodeForNamespace(String) */
    public HostAndPort nodeForNamespace(String namespace) {
        return deployment().nodeForNamespace(namespace);
    }

    /** @see RedisClusterDeployment#namespacesOnDifferentNodes(int) */
    public List<String> namespacesOnDifferentNodes(int count) {
        return deployment().namespacesOnDifferentNodes(count);
    }

    /** @see RedisClusterDeployment#namespacesOnDifferentNodes(String, int) */
    public List<String> namespacesOnDifferentNodes(String prefix, int count) {
        return deployment().namespacesOnDifferentNodes(prefix, count);
    }

    /** @see RedisClusterDeployment#probe(HostAndPort) */
    public RedisProbe probe(HostAndPort node) {
        return deployment().probe(node);
    }

    /** @see RedisClusterDeployment#clientCounts(String) */
    public Map<HostAndPort, Long> clientCounts(String namePrefix) {
        return deployment().clientCounts(namePrefix);
    }

    /** @see RedisClusterDeployment#connect(HostAndPort) */
    public Jedis connect(HostAndPort node) {
        return deployment().connect(node);
    }

    /** @see RedisClusterDeployment#kill(HostAndPort) */
    public void kill(HostAndPort node) {
        deployment().kill(node);
    }

    /** @see RedisClusterDeployment#start(HostAndPort) */
    public void start(HostAndPort node) {
        deployment().start(node);
    }

    /** @see RedisClusterDeployment#pause(HostAndPort) */
    public void pause(HostAndPort node) {
        deployment().pause(node);
    }

    /** @see RedisClusterDeployment#resume(HostAndPort) */
    public void resume(HostAndPort node) {
        deployment().resume(node);
    }

    /** @see RedisClusterDeployment#killMaster(HostAndPort) */
    public void killMaster(HostAndPort master) {
        deployment().killMaster(master);
    }

    /** @see RedisClusterDeployment#awaitFailover(Duration) */
    public Failover awaitFailover(Duration timeout) {
        return deployment().awaitFailover(timeout);
    }

    /** @see RedisClusterDeployment#failOver(HostAndPort, Duration) */
    public Failover failOver(HostAndPort master, Duration timeout) {
        return deployment().failOver(master, timeout);
    }

    /** @see RedisClusterDeployment#moveSlot(int, HostAndPort) */
    public void moveSlot(int slot, HostAndPort to) {
        deployment().moveSlot(slot, to);
    }

    /** @see RedisClusterDeployment#addMaster() */
    public HostAndPort addMaster() {
        return deployment().addMaster();
    }

    /** @see RedisClusterDeployment#beginSlotMove(int, HostAndPort) */
    public SlotMove beginSlotMove(int slot, HostAndPort to) {
        return deployment().beginSlotMove(slot, to);
    }

    /** @see RedisClusterDeployment#slot(String) */
    public int slot(String key) {
        return deployment().slot(key);
    }

    /** @see RedisClusterDeployment#awaitHealthy() */
    public void awaitHealthy() {
        deployment().awaitHealthy();
    }
}
