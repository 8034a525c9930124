package dev.tarnish.bench.harness;

import org.HdrHistogram.Histogram;

/**
 * Latencies in nanoseconds, recorded by one thread into a histogram (HdrHistogram, three significant
 * digits: a value is kept within 0.1 %) instead of one array slot per call, so that a run of millions
 * of calls costs a few hundred kilobytes however long it is. Not thread-safe.
 */
final class Samples {

    private static final int SIGNIFICANT_DIGITS = 3;

    /** Grows its range as values come: a JVM per call takes seconds, an in-process call nanoseconds. */
    private final Histogram histogram = new Histogram(SIGNIFICANT_DIGITS);

    void add(long nanos) {
        this.histogram.recordValue(nanos);
    }

    void addAll(Samples other) {
        this.histogram.add(other.histogram);
    }

    long size() {
        return this.histogram.getTotalCount();
    }

    /**
     * Returns a percentile.
     * @param percent 0 to 100
     * @return the value (the highest equivalent value of its bucket), or -1 if there is none
     */
    long percentile(double percent) {
        if (size() == 0) {
            return -1;
        }
        return this.histogram.highestEquivalentValue(this.histogram.getValueAtPercentile(percent));
    }

    /**
     * Returns the mean.
     * @return the mean in nanoseconds, 0 without values
     */
    double mean() {
        return (size() == 0) ? 0 : this.histogram.getMean();
    }
}
