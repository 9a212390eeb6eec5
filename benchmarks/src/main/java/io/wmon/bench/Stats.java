package io.wmon.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Medians, nearest-rank percentiles and the number formats of the result tables. */
public final class Stats {

    private Stats() {
    }

    public static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    public static double median(List<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Nearest-rank percentile {@code p} (0..100) of values already sorted. */
    public static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** Nanoseconds as milliseconds with one decimal. */
    public static String ms(double nanos) {
        return fmt("%.1f ms", nanos / 1e6);
    }

    /** Nanoseconds as microseconds, one decimal below 100 µs. */
    public static String us(double nanos) {
        double micros = nanos / 1e3;
        return micros < 100 ? fmt("%.1f µs", micros) : fmt("%.0f µs", micros);
    }

    /** Bytes as MB (10^6 bytes) with two decimals. */
    public static String mb(double bytes) {
        return fmt("%.2f MB", bytes / 1e6);
    }
}
