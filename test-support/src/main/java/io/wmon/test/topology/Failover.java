package io.wmon.test.topology;

import java.time.Duration;
import redis.clients.jedis.HostAndPort;

/**
 * A failover the sentinels carried out after {@link RedisSentinelDeployment#killMaster()}.
 *
 * @param oldMaster     the master that was killed
 * @param newMaster     the replica the sentinels promoted
 * @param promotedAfter from the kill until a first sentinel named the new master and it reported {@code role:master}
 * @param agreedAfter   from the kill until every sentinel named the new master
 */
public record Failover(HostAndPort oldMaster, HostAndPort newMaster, Duration promotedAfter, Duration agreedAfter) {
}
