package io.wmon.test.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures how long the deployments take to become ready and how long a failover takes, over several
 * rounds, and prints each figure and the median. Not a test: timings belong in measurements, not assertions.
 *
 * <pre>{@code
 * ./mvnw -o -B -q -pl test-support -am test-compile
 * ./mvnw -o -B -q -pl test-support dependency:build-classpath -Dmdep.outputFile=/tmp/ts.cp
 * java -cp test-support/target/classes:test-support/target/test-classes:$(cat /tmp/ts.cp) \
 *     io.wmon.test.topology.TopologyTimings 10
 * }</pre>
 */
public final class TopologyTimings {

    private TopologyTimings() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<Long> clusterReady = new ArrayList<>();
        List<Long> sentinelReady = new ArrayList<>();
        List<Long> promoted = new ArrayList<>();
        List<Long> agreed = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            try (RedisClusterDeployment cluster = RedisClusterDeployment.start()) {
                clusterReady.add(cluster.startupTime().toMillis());
            }
            try (RedisSentinelDeployment sentinel = RedisSentinelDeployment.start()) {
                sentinelReady.add(sentinel.startupTime().toMillis());
                sentinel.killMaster();
                Failover failover = sentinel.awaitFailover(Duration.ofSeconds(60));
                promoted.add(failover.promotedAfter().toMillis());
                agreed.add(failover.agreedAfter().toMillis());
            }
        }
        print("cluster of 3 masters ready", clusterReady);
        print("sentinel deployment (1+1, 3 sentinels) ready", sentinelReady);
        print("failover: replica promoted after the kill", promoted);
        print("failover: every sentinel agreed after the kill", agreed);
    }

    private static void print(String what, List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        long median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        System.out.printf("%-48s median %5d ms  min %5d  max %5d  (n=%d) %s%n", what, median, sorted.get(0),
                sorted.get(sorted.size() - 1), sorted.size(), millis);
    }
}
