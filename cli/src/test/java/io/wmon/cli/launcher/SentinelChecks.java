package io.wmon.cli.launcher;

import static org.awaitility.Awaitility.await;

import io.wmon.core.fleet.FleetKeys;
import io.wmon.test.topology.RedisSentinelExtension;
import io.wmon.test.worker.AgentArgs;
import java.time.Duration;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/** What the Sentinel ITs check on the servers themselves: a worker's beat on a master, no CLI connection left. */
final class SentinelChecks {

    private SentinelChecks() {
    }

    /** Whether {@code master} holds a beat of {@code agent}'s worker later than {@code millis} (epoch ms); false while it does not answer. */
    static boolean beatAfter(RedisSentinelExtension sentinel, HostAndPort master, AgentArgs agent, long millis) {
        try (Jedis jedis = sentinel.connect(master)) {
            Double score = jedis.zscore(FleetKeys.of(agent.namespace()).workers(), agent.id());
            return score != null && score > millis;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    /** Waits until neither the master nor any sentinel lists a {@code wmon:cli:} connection: the CLI processes have exited. */
    static void noCliConnectionLeft(RedisSentinelExtension sentinel) {
        await().atMost(Duration.ofSeconds(5)).until(() -> sentinel.masterProbe().countClients("wmon:cli:") == 0);
        for (HostAndPort server : sentinel.sentinels()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> sentinel.probe(server).countClients("wmon:cli:") == 0);
        }
    }
}
