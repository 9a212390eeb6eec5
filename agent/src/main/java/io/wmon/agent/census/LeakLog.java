package io.wmon.agent.census;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's log lines about the leak alarm: one WARN when it is raised, one INFO when it clears,
 * naming the worker, the counts and the reason.
 */
public final class LeakLog implements LeakListener {

    private static final Logger LOG = LoggerFactory.getLogger(LeakLog.class);

    private final String workerId;

    public LeakLog(String workerId) {
        this.workerId = workerId;
    }

    @Override
    public void raised(LeakEvent event) {
        SocketCount s = event.sockets();
        LOG.warn("wmon connection-leak alarm raised for worker {}: {} ({} of them the application's, {} the agent's); "
                + "see who holds them with wmon connections", workerId, event.reason(), s.appSockets(), s.agentSockets());
    }

    @Override
    public void cleared(LeakEvent event) {
        SocketCount s = event.sockets();
        LOG.info("wmon connection-leak alarm cleared for worker {}: {} ({} the application's)", workerId,
                event.reason(), s.appSockets());
    }
}
