package io.wmon.test.topology;

import java.time.Duration;
import redis.clients.jedis.HostAndPort;

/**
 * A failover carried out after a master was killed: by the sentinels after
 * {@link RedisSentinelDeployment#killMaster()}, or by a cluster's replicas after
 * {@link RedisClusterDeployment#killMaster(HostAndPort)}.
 *
 * @param oldMaster     the master that was killed
 * @param newMaster     the replica promoted
 * @param promotedAfter from the kill until a first sentinel (cluster node) named the new master and it reported {@code role:master}
 * @param agreedAfter   from the kill until every sentinel (every running cluster node) named the new master
 */
public record Failover(HostAndPort oldMaster, HostAndPort newMaster, Duration promotedAfter, Duration agreedAfter) {
}
