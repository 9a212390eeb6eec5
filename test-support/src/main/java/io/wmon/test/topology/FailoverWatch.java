package io.wmon.test.topology;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * Watches the sentinels after a master was killed, until a replica is promoted and every sentinel names
 * it, timing both from the kill.
 */
final class FailoverWatch {

    private static final Pattern ROLE_MASTER = Pattern.compile("(?m)^role:master\\s*$");

    private final HarnessConnections sentinelConnections;
    private final HarnessConnections dataConnections;
    private final HostAndPort killedMaster;
    private final long killedAtNanos;

    /** Starts the clock: call it right after the kill. The connections are those to the sentinels and to the data nodes. */
    FailoverWatch(HarnessConnections sentinelConnections, HarnessConnections dataConnections, HostAndPort killedMaster) {
        this.sentinelConnections = sentinelConnections;
        this.dataConnections = dataConnections;
        this.killedMaster = killedMaster;
        this.killedAtNanos = System.nanoTime();
    }

    /**
     * Waits until a first sentinel names another master that reports {@code role:master}, then until every
     * sentinel names it.
     *
     * @throws IllegalStateException when that did not happen within {@code timeout}, with {@code logs}
     */
    Failover await(List<HostAndPort> sentinels, String masterName, Duration timeout, Supplier<String> logs) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HostAndPort[] promoted = new HostAndPort[1];
        BoundedWait.until("a replica promoted after " + killedMaster + " was killed", remaining(deadline), () -> {
            for (HostAndPort sentinel : sentinels) {
                HostAndPort named = SentinelHealth.masterAddress(sentinelConnections, sentinel, masterName, HarnessConnections.CHECK_TIMEOUT_MILLIS);
                if (named != null && !named.equals(killedMaster) && reportsRoleMaster(named)) {
                    promoted[0] = named;
                    return null;
                }
            }
            return "every sentinel still names " + killedMaster + " or a server that is not master yet";
        }, logs);
        Duration promotedAfter = Duration.ofNanos(System.nanoTime() - killedAtNanos);
        BoundedWait.until("every sentinel naming the new master " + promoted[0], remaining(deadline), () -> {
            for (HostAndPort sentinel : sentinels) {
                HostAndPort named = SentinelHealth.masterAddress(sentinelConnections, sentinel, masterName, HarnessConnections.CHECK_TIMEOUT_MILLIS);
                if (!promoted[0].equals(named)) {
                    return "sentinel " + sentinel + " names " + named;
                }
            }
            return null;
        }, logs);
        return new Failover(killedMaster, promoted[0], promotedAfter, Duration.ofNanos(System.nanoTime() - killedAtNanos));
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(1, deadlineNanos - System.nanoTime()));
    }

    private boolean reportsRoleMaster(HostAndPort node) {
        try (Jedis jedis = dataConnections.open(node, HarnessConnections.CHECK_TIMEOUT_MILLIS)) {
            return ROLE_MASTER.matcher(jedis.info("replication")).find();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
