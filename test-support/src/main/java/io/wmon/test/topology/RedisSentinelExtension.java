package io.wmon.test.topology;

import io.wmon.test.RedisProbe;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * Gives a test class its own {@link RedisSentinelDeployment}, started before the class's first test and
 * stopped after its last; the methods below delegate to it.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RedisSentinelExtension SENTINEL = new RedisSentinelExtension();
 * }</pre>
 *
 * <p>Register it on a static field. {@code @Nested} classes share the enclosing class's deployment. After a
 * failover the replica is the master and the old master is down: a later test that needs another failover
 * starts the old master again first ({@link #start(HostAndPort)}).
 */
public final class RedisSentinelExtension implements BeforeAllCallback, AfterAllCallback {

    private final RedisSentinelDeployment.Builder settings;
    private RedisSentinelDeployment deployment;
    /** Classes currently using the deployment: the registering class and its running {@code @Nested} classes. */
    private int scopes;

    /** One master, one replica and three sentinels with the default settings. */
    public RedisSentinelExtension() {
        this(RedisSentinelDeployment.builder());
    }

    /** A deployment as {@code settings} says, e.g. {@code RedisSentinelDeployment.builder().masterName("jobs")}. */
    public RedisSentinelExtension(RedisSentinelDeployment.Builder settings) {
        this.settings = settings;
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        if (scopes++ == 0) {
            deployment = settings.start();
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (scopes > 0 && --scopes > 0) {
            return;
        }
        if (deployment != null) {
            try {
                deployment.close();
            } finally {
                deployment = null;
            }
        }
    }

    /** The running deployment, for what the shortcuts below do not cover. */
    public synchronized RedisSentinelDeployment deployment() {
        if (deployment == null) {
            throw new IllegalStateException("no Redis Sentinel deployment: register RedisSentinelExtension with "
                    + "@RegisterExtension on a static field, and use it from tests or @BeforeAll methods");
        }
        return deployment;
    }

    /** @see RedisSentinelDeployment#url() */
    public String url() {
        return deployment().url();
    }

    /** @see RedisSentinelDeployment#url(String) */
    public String url(String masterName) {
        return deployment().url(masterName);
    }

    /** @see RedisSentinelDeployment#masterName() */
    public String masterName() {
        return deployment().masterName();
    }

    /** @see RedisSentinelDeployment#dataPassword() */
    public String dataPassword() {
        return deployment().dataPassword();
    }

    /** @see RedisSentinelDeployment#sentinelPassword() */
    public String sentinelPassword() {
        return deployment().sentinelPassword();
    }

    /** @see RedisSentinelDeployment#sentinels() */
    public List<HostAndPort> sentinels() {
        return deployment().sentinels();
    }

    /** @see RedisSentinelDeployment#master() */
    public HostAndPort master() {
        return deployment().master();
    }

    /** @see RedisSentinelDeployment#masterProbe() */
    public RedisProbe masterProbe() {
        return deployment().masterProbe();
    }

    /** @see RedisSentinelDeployment#probe(HostAndPort) */
    public RedisProbe probe(HostAndPort node) {
        return deployment().probe(node);
    }

    /** @see RedisSentinelDeployment#connect(HostAndPort) */
    public Jedis connect(HostAndPort node) {
        return deployment().connect(node);
    }

    /** @see RedisSentinelDeployment#killMaster() */
    public HostAndPort killMaster() {
        return deployment().killMaster();
    }

    /** @see RedisSentinelDeployment#awaitFailover(Duration) */
    public Failover awaitFailover(Duration timeout) {
        return deployment().awaitFailover(timeout);
    }

    /** @see RedisSentinelDeployment#start(HostAndPort) */
    public void start(HostAndPort node) {
        deployment().start(node);
    }
}
