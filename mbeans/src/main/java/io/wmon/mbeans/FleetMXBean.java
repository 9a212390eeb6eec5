package io.wmon.mbeans;

import javax.management.MXBean;
import javax.management.openmbean.TabularData;

/**
 * The whole fleet of one namespace, as this JVM's agent last read it from Redis:
 * {@code io.wmon:type=Fleet,namespace=<NS>}, registered only with the agent option {@code fleet=true}.
 *
 * <p>Every getter reads the fleet view the agent published last; none touches Redis or blocks. The
 * agent reads the fleet at most once per heartbeat interval, and only while someone reads this
 * bean or listens to it, however many clients poll. One {@code getAttributes} call answers every
 * attribute from the same view.
 *
 * <p>Every attribute is an open type ({@code String}, {@code int}, {@code long}, {@code TabularData}),
 * as in an MXBean, but the bean is registered as a standard MBean ({@code @MXBean(false)}): the
 * MXBean mapping has no Java type that becomes a {@code TabularData} indexed by worker id. A client
 * with this interface reads it through {@code JMX.newMBeanProxy}; JConsole, VisualVM and APM tools
 * see the same attributes either way.
 */
@MXBean(false)
@Description("The whole fleet of one namespace as this agent last read it from Redis (fleet=true): counts and one row per"
        + " worker; read from memory, refreshed at most once per heartbeat interval while it is read or listened to")
public interface FleetMXBean {

    @Description("Fleet namespace this bean reads (namespace=); fixed while the agent runs")
    String getNamespace();

    @Units(Units.COUNT)
    @Description("Members of the namespace's worker registry: alive, stale, gone and invalid together; -1 before the"
            + " first read")
    int getWorkerCount();

    @Units(Units.COUNT)
    @Description("Workers whose last beat is younger than 3 heartbeat intervals (their own); -1 before the first read")
    int getAliveCount();

    @Units(Units.COUNT)
    @Description("Workers whose record exists but whose last beat is 3 heartbeat intervals old or older; -1 before the"
            + " first read")
    int getStaleCount();

    @Units(Units.COUNT)
    @Description("Registry members whose record has expired (wmon prune, or a reader once a minute, removes them); -1"
            + " before the first read")
    int getGoneCount();

    @Units(Units.COUNT)
    @Description("Registry members whose record cannot be read (bad data, another schema, a key of another type); -1"
            + " before the first read")
    int getInvalidCount();

    @Units(Units.COUNT)
    @Description("Alive workers in state busy; -1 before the first read")
    int getBusyCount();

    @Units(Units.COUNT)
    @Description("Alive workers in state idle; -1 before the first read")
    int getIdleCount();

    @Units(Units.COUNT)
    @Description("Alive workers in state paused; -1 before the first read")
    int getPausedCount();

    @Description("One row per registry member, indexed by id: id, host, state, status (alive, stale, gone, invalid),"
            + " ageMillis (since its last beat, at the read), processed and failed job counts; empty before the first"
            + " read")
    TabularData getWorkers();

    @Units(Units.MILLISECONDS)
    @Description("When the view was read from Redis, epoch milliseconds; -1 before the first read")
    long getReadAtMillis();

    @Units(Units.COUNT)
    @Description("Reads of the whole fleet from Redis since the agent started: at most one per heartbeat interval")
    long getFleetReadCount();

    @Description("Why the latest read of the fleet failed, one line; empty when it succeeded. The view then stays the"
            + " last one read")
    String getLastReadError();
}
