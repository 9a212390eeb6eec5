package io.wmon.test.topology;

import io.wmon.test.RedisProbe;
import java.util.LinkedHashMap;
import java.util.Map;
import redis.clients.jedis.HostAndPort;

/**
 * One {@link RedisProbe} per server of a deployment, opened on first use, reconnecting by itself
 * after the server restarted, all closed with the deployment.
 */
final class NodeProbes implements AutoCloseable {

    private final HarnessConnections connections;
    private final Map<HostAndPort, RedisProbe> probes = new LinkedHashMap<>();

    NodeProbes(HarnessConnections connections) {
        this.connections = connections;
    }

    synchronized RedisProbe of(HostAndPort node) {
        return probes.computeIfAbsent(node, connections::probe);
    }

    @Override
    public synchronized void close() {
        probes.values().forEach(RedisProbe::close);
        probes.clear();
    }
}
