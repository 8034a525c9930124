package dev.tarnish.bench.harness;

import java.util.Arrays;

/**
 * Latencies in nanoseconds, appended by one thread. Not thread-safe.
 */
final class Samples {

    private long[] values = new long[1024];

    private int size;

    void add(long nanos) {
        if (this.size == this.values.length) {
            this.values = Arrays.copyOf(this.values, this.size * 2);
        }
        this.values[this.size++] = nanos;
    }

    void addAll(Samples other) {
        for (int i = 0; i < other.size; i++) {
            add(other.values[i]);
        }
    }

    int size() {
        return this.size;
    }

    /** Returns the values sorted, a copy. */
    long[] sorted() {
        long[] copy = Arrays.copyOf(this.values, this.size);
        Arrays.sort(copy);
        return copy;
    }

    /**
     * Returns a percentile by the nearest-rank method.
     * @param sorted sorted values
     * @param percent 0 to 100
     * @return the value, or -1 if there is none
     */
    static long percentile(long[] sorted, double percent) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
