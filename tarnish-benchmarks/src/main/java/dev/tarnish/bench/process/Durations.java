package dev.tarnish.bench.process;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Repeated measurements of one thing, in nanoseconds.
 *
 * @param values the measurements, in the order taken
 */
public record Durations(List<Long> values) {

    /**
     * Copies the values.
     */
    public Durations {
        values = List.copyOf(values);
    }

    /**
     * Returns the median.
     * @return the median in milliseconds, or NaN without values
     */
    public double medianMillis() {
        if (this.values.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(this.values);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        return median / 1e6;
    }

    /**
     * Returns the smallest value.
     * @return milliseconds
     */
    public double minMillis() {
        return this.values.stream().mapToLong(Long::longValue).min().orElse(-1) / 1e6;
    }

    /**
     * Returns the largest value.
     * @return milliseconds
     */
    public double maxMillis() {
        return this.values.stream().mapToLong(Long::longValue).max().orElse(-1) / 1e6;
    }

    /**
     * Returns the number of values.
     * @return the count
     */
    public int count() {
        return this.values.size();
    }
}
