package dev.tarnish.sample.tasks;

/**
 * What the native library answered.
 *
 * @param text the text that was measured
 * @param bytes its length in bytes, as {@code strlen} counted it
 * @param workerPid the pid of the worker process, as libc's {@code getpid} reports it
 */
public record NativeResult(String text, long bytes, int workerPid) {
}
