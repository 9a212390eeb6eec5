package io.wmon.test.topology;

import io.wmon.test.tls.TestCertificates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures how long the deployments take to become ready and how long a failover takes, over several
 * rounds, plain and TLS ({@code tls(…)}) in turn, and prints each figure and the median. Not a test: timings belong in measurements, not assertions.
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
        Timings plain = new Timings();
        Timings tls = new Timings();
        for (int round = 0; round < rounds; round++) {
            plain.measure(RedisClusterDeployment.builder(), RedisSentinelDeployment.builder());
            tls.measure(RedisClusterDeployment.builder().tls(TestCertificates.get()),
                    RedisSentinelDeployment.builder().tls(TestCertificates.get()));
        }
        plain.print("");
        tls.print("TLS ");
    }

    /** The figures of one kind of deployment, one entry per round. */
    private static final class Timings {
        private final List<Long> clusterReady = new ArrayList<>();
        private final List<Long> sentinelReady = new ArrayList<>();
        private final List<Long> promoted = new ArrayList<>();
        private final List<Long> agreed = new ArrayList<>();

        void measure(RedisClusterDeployment.Builder clusterSettings, RedisSentinelDeployment.Builder sentinelSettings) {
            try (RedisClusterDeployment cluster = clusterSettings.start()) {
                clusterReady.add(cluster.startupTime().toMillis());
            }
            try (RedisSentinelDeployment sentinel = sentinelSettings.start()) {
                sentinelReady.add(sentinel.startupTime().toMillis());
                sentinel.killMaster();
                Failover failover = sentinel.awaitFailover(Duration.ofSeconds(60));
                promoted.add(failover.promotedAfter().toMillis());
                agreed.add(failover.agreedAfter().toMillis());
            }
        }

        void print(String kind) {
            TopologyTimings.print(kind + "cluster of 3 masters ready", clusterReady);
            TopologyTimings.print(kind + "sentinel deployment (1+1, 3 sentinels) ready", sentinelReady);
            TopologyTimings.print(kind + "failover: replica promoted after the kill", promoted);
            TopologyTimings.print(kind + "failover: every sentinel agreed after the kill", agreed);
        }
    }

    private static void print(String what, List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        long median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        System.out.printf("%-52s median %5d ms  min %5d  max %5d  (n=%d) %s%n", what, median, sorted.get(0),
                sorted.get(sorted.size() - 1), sorted.size(), millis);
    }
}
