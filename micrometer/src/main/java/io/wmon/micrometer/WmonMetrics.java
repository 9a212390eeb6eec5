package io.wmon.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Publishes the wmon agent's worker and shared-pool figures through Micrometer, for applications
 * that already publish with it: {@code new WmonMetrics().bindTo(registry)}.
 *
 * <p>The meters read the agent's MBeans ({@code io.wmon:type=Worker},
 * {@code io.wmon:type=RedisPool,name=<pool>}) on the platform MBeanServer at each poll; those beans
 * answer from memory, so no poll touches Redis. {@link #bindTo} binds the beans that exist when it
 * runs: in a JVM without the agent (or with an agent disabled by a bad option) it binds nothing and
 * logs nothing, and an agent loaded later is bound by the next {@code bindTo} call. After the agent
 * stops, every meter reads {@code NaN}.
 *
 * <p>Pool meters follow OpenTelemetry's database client conventions ({@code db.client.connection.*},
 * tagged {@code db.system.name=redis} and {@code db.client.connection.pool.name}); worker meters are
 * {@code wmon.worker.*}, tagged {@code wmon.namespace} and {@code wmon.worker.id}. This class
 * needs no wmon classes: the ObjectNames are the contract.
 */
public final class WmonMetrics implements MeterBinder {

    static final String WORKER = "io.wmon:type=Worker";
    static final String POOLS = "io.wmon:type=RedisPool,*";

    private final MBeanServer server;

    /** Reads the agent's beans on the platform MBeanServer, where the agent registers them. */
    public WmonMetrics() {
        this(ManagementFactory.getPlatformMBeanServer());
    }

    /** Reads the beans on {@code server}: for embedders that register wmon's beans elsewhere. */
    public WmonMetrics(MBeanServer server) {
        this.server = Objects.requireNonNull(server, "server");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        ObjectName worker = name(WORKER);
        Set<String> workerAttributes = attributesOf(worker);
        if (!workerAttributes.isEmpty()) {
            WorkerMeters.bind(server, registry, worker, workerAttributes);
        }
        for (ObjectName pool : server.queryNames(name(POOLS), null)) {
            Set<String> poolAttributes = attributesOf(pool);
            if (pool.getKeyProperty("name") != null && pool.getKeyProperty("node") == null
                    && !poolAttributes.isEmpty()) {
                PoolMeters.bind(server, registry, pool, poolAttributes);
            }
        }
    }

    /** The bean's attribute names; empty when it is not registered (or vanished meanwhile). */
    private Set<String> attributesOf(ObjectName bean) {
        Set<String> names = new HashSet<>();
        try {
            for (MBeanAttributeInfo attribute : server.getMBeanInfo(bean).getAttributes()) {
                names.add(attribute.getName());
            }
        } catch (JMException e) {
            names.clear();
        }
        return names;
    }

    private static ObjectName name(String text) {
        try {
            return new ObjectName(text);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(text, e);
        }
    }
}
