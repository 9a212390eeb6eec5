package io.wmon.agent.census;

/**
 * Told when the {@link LeakAlarm} is raised and when it clears, on the agent's heartbeat thread, after
 * the census and before the beat's record is written. The agent's log line and the Worker MBean's
 * {@code io.wmon.connections.leak} notification are listeners; so is whatever else must hear of it
 * (the {@code leak} event on the fleet's stream). A listener must not block; one that throws is logged
 * and does not keep the others from being told.
 */
public interface LeakListener {

    /** The alarm went up; {@link LeakEvent#raised()} is true. */
    void raised(LeakEvent event);

    /** The alarm went down; {@link LeakEvent#raised()} is false. */
    void cleared(LeakEvent event);
}
