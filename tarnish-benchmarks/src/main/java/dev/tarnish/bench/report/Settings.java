package dev.tarnish.bench.report;

/**
 * How long each part of the report runs: {@code full} for the published figures, {@code smoke} to
 * check the harness in a minute or two.
 *
 * @param mode the mode's name
 * @param smallWarmup warm-up rounds of the small-call figures
 * @param smallRounds measured rounds of the small-call figures
 * @param smallSliceMillis one contestant's slice in a small-call round
 * @param bytesWarmup warm-up rounds of the byte-array figures
 * @param bytesRounds measured rounds of the byte-array figures
 * @param bytesSliceMillis one contestant's slice in a byte-array round
 * @param startupRounds start-ups of each kind
 * @param crashRounds crashes
 * @param steadyCalls ordinary calls timed beside the crashes
 * @param libraryBoundSeconds the longest wait for one call of pp4j or out-process
 * @param memorySettleMillis idle time before the first memory sample
 * @param memorySamples memory samples, one second apart
 * @param springRounds processes of the packaged Spring sample application started
 * @param springRestarts restarts of its greeting worker per application process
 */
public record Settings(String mode, int smallWarmup, int smallRounds, long smallSliceMillis, int bytesWarmup,
        int bytesRounds, long bytesSliceMillis, int startupRounds, int crashRounds, int steadyCalls,
        long libraryBoundSeconds, long memorySettleMillis, int memorySamples, int springRounds, int springRestarts) {

    /**
     * Returns the settings of a mode.
     * @param mode {@code full} or {@code smoke}
     * @return the settings
     */
    public static Settings of(String mode) {
        return switch (mode) {
            case "full" -> new Settings(mode, 15, 60, 100, 4, 20, 300, 10, 6, 2000, 30, 3000, 5, 4, 4);
            case "smoke" -> new Settings(mode, 6, 5, 50, 1, 3, 100, 2, 2, 200, 15, 1000, 2, 1, 3);
            default -> throw new IllegalArgumentException("Unknown mode " + mode + " (full or smoke)");
        };
    }
}
