package dev.tarnish.bench.harness;

/**
 * One way of making the call under test, opened before measuring and closed after.
 */
public interface Contestant extends AutoCloseable {

    /**
     * Returns the name shown in the report.
     * @return the name
     */
    String name();

    /**
     * Returns how many threads call at once.
     * @return 1 or more
     */
    default int threads() {
        return 1;
    }

    /**
     * Makes one call.
     * @param thread the calling thread's index, below {@link #threads()}
     * @return the result, kept from dead-code elimination by the caller
     * @throws Exception if the call fails
     */
    Object call(int thread) throws Exception;

    /**
     * Returns the most calls of one slice; {@code 1} for contestants too slow to call repeatedly.
     * @return the limit
     */
    default int maxCallsPerSlice() {
        return Integer.MAX_VALUE;
    }

    @Override
    void close();
}
