package io.wmon.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JvmMetricsTest {

    @Test
    void cpuLoadIsAFractionOfAllProcessorsAndRisesWithWork() {
        JvmMetrics metrics = new JvmMetrics();
        long until = System.nanoTime() + 200_000_000L;
        long spin = 0;
        while (System.nanoTime() < until) {
            spin++;
        }

        double busy = metrics.processCpuLoad();

        assertThat(spin).isPositive();
        assertThat(busy).isBetween(0.0, 1.0);
        // One thread spun for the whole window: at least a good part of one processor was used.
        assertThat(busy).isGreaterThan(0.2 / Runtime.getRuntime().availableProcessors());
    }

    @Test
    void heapAndThreadsAreReported() {
        JvmMetrics metrics = new JvmMetrics();

        assertThat(metrics.heapUsedBytes()).isPositive();
        assertThat(metrics.threadCount()).isPositive();
    }
}
