package io.wmon.it;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Durations measured one by one, in microseconds, and their median and maximum. Not thread-safe. */
final class LatencySamples {

    private final List<Long> micros = new ArrayList<>();

    void add(long nanos) {
        micros.add(nanos / 1_000);
    }

    int count() {
        return micros.size();
    }

    double medianMillis() {
        if (micros.isEmpty()) {
            throw new IllegalStateException("no samples");
        }
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        double median = sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
        return median / 1_000.0;
    }

    double maxMillis() {
        return micros.stream().mapToLong(Long::longValue).max().orElseThrow() / 1_000.0;
    }

    /** Prints {@code <prefix>.getter_median_ms}, {@code .getter_max_ms} and {@code .getter_reads}. */
    void report(String prefix) {
        Figures.report(prefix + ".getter_median_ms", medianMillis());
        Figures.report(prefix + ".getter_max_ms", maxMillis());
        Figures.report(prefix + ".getter_reads", count());
    }
}
