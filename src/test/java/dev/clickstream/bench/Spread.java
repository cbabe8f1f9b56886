package dev.clickstream.bench;

import java.util.List;
import java.util.Locale;

/** Median and range of repeated measurements. */
record Spread(double median, double min, double max, int count) {

    static Spread of(List<Double> values) {
        if (values.isEmpty()) {
            return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Spread(median, sorted.get(0), sorted.get(n - 1), n);
    }

    /** {@code median (min – max)} with the given number of decimals. */
    String format(int decimals) {
        if (count == 0) {
            return "—";
        }
        String pattern = "%,." + decimals + "f";
        String median = String.format(Locale.ROOT, pattern, this.median);
        return count == 1 ? median
                : median + " (" + String.format(Locale.ROOT, pattern, min) + " – "
                        + String.format(Locale.ROOT, pattern, max) + ")";
    }
}
