package dev.tarnish.bench.harness;

/**
 * What was measured for one contestant.
 *
 * @param name the contestant's name
 * @param threads how many threads called at once
 * @param calls how many calls were timed
 * @param p50Nanos the median latency
 * @param p99Nanos the 99th percentile latency
 * @param meanNanos the mean latency
 * @param callsPerSecond calls completed per second of wall-clock time while it ran, all threads together
 */
public record Figure(String name, int threads, int calls, long p50Nanos, long p99Nanos, double meanNanos,
        double callsPerSecond) {

    /**
     * Returns the median in microseconds.
     * @return the median
     */
    public double p50Micros() {
        return this.p50Nanos / 1000.0;
    }

    /**
     * Returns the 99th percentile in microseconds.
     * @return the 99th percentile
     */
    public double p99Micros() {
        return this.p99Nanos / 1000.0;
    }
}
