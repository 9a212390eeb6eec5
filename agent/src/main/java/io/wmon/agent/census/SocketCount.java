package io.wmon.agent.census;

import java.util.Collections;
import java.util.List;

/**
 * What one socket census found: the JVM's established TCP connections to Redis, those that are not
 * the agent's own, and their local ports. Immutable.
 *
 * <p>{@link #UNKNOWN} stands for "no census" (before the first, off Linux, {@code /proc} not
 * readable): counts {@code -1}, no ports. The ports list the application's sockets first, then the
 * agent's, at most {@link #MAX_LOCAL_PORTS}; {@link #portsCapped()} says when some were left out.
 */
public final class SocketCount {

    /** The most local ports a census keeps, as the record's {@code local_ports} holds at most. */
    public static final int MAX_LOCAL_PORTS = io.wmon.core.record.WorkerRecord.MAX_LOCAL_PORTS;

    /** No census. */
    public static final SocketCount UNKNOWN = new SocketCount(-1, -1, Collections.emptyList());

    private final int redisSockets;
    private final int appSockets;
    private final List<Integer> localPorts;

    SocketCount(int redisSockets, int appSockets, List<Integer> localPorts) {
        this.redisSockets = redisSockets;
        this.appSockets = appSockets;
        this.localPorts = Collections.unmodifiableList(localPorts);
    }

    /** Whether a census was taken; false for {@link #UNKNOWN}. */
    public boolean known() {
        return redisSockets >= 0;
    }

    /** Established connections of the JVM to Redis, the agent's included; -1 when unknown. */
    public int redisSockets() {
        return redisSockets;
    }

    /** Those of {@link #redisSockets()} that are not the agent's own pool's; -1 when unknown. */
    public int appSockets() {
        return appSockets;
    }

    /** The agent's own among {@link #redisSockets()}; -1 when unknown. */
    public int agentSockets() {
        return known() ? redisSockets - appSockets : -1;
    }

    /** Local ports of those connections: the application's, then the agent's, each ascending; at most {@value #MAX_LOCAL_PORTS}. */
    public List<Integer> localPorts() {
        return localPorts;
    }

    /** Whether {@link #localPorts()} leaves some connections out because of its cap. */
    public boolean portsCapped() {
        return known() && localPorts.size() < redisSockets;
    }

    @Override
    public String toString() {
        return known() ? redisSockets + " Redis sockets (" + appSockets + " the application's)" : "no census";
    }
}
